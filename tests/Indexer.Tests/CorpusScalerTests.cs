using System.Text.Json;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;
using PatentNav.Core.Regions;
using PatentNav.Ingestion.Readers;

namespace PatentNav.Indexer.Tests;

public sealed class CorpusScalerTests : IDisposable
{
    private readonly ScratchDir _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private string Synthesize(int docs, int seed, string name)
    {
        var path = _scratch.File(name);
        var (exit, output) = IndexerRun.Cli("synthesize", "--docs", docs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", path, "--source", RepoPaths.Demo);
        Assert.True(exit == 0, output);
        return path;
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_other_bytes()
    {
        var first = File.ReadAllBytes(Synthesize(300, 42, "a.jsonl"));
        var again = File.ReadAllBytes(Synthesize(300, 42, "b.jsonl"));
        var other = File.ReadAllBytes(Synthesize(300, 43, "c.jsonl"));
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(300, first.Count(b => b == (byte)'\n'));
    }

    [Fact]
    public void Every_record_reads_and_builds_cleanly_synthetic_unique_and_shaped_like_the_source()
    {
        const int docs = 2_000;
        var path = Synthesize(docs, 7, "corpus.jsonl");
        var builder = new PatentRecordBuilder(RegionResolver.Default);
        var records = new List<PatentRecord>();
        foreach (var result in SourceReaders.ReadAll([path], CancellationToken.None))
        {
            var source = Assert.IsType<SourceReadResult.Record>(result).Value;
            var outcome = builder.Build(source);
            Assert.True(outcome.Record is not null, outcome.QuarantineReason);
            records.Add(outcome.Record);
        }
        Assert.Equal(docs, records.Count);

        foreach (var record in records)
        {
            Assert.True(record.Synthetic);
            Assert.True(record.Issues.Count == 0, $"{record.Id}: {string.Join("; ", record.Issues.Select(i => i.Code + " " + i.Message))}");
            Assert.NotNull(record.ApplicationNumber);
            Assert.NotNull(record.ApplicationDate);
            Assert.NotNull(record.PublicationDate);
            Assert.InRange(record.ApplicationDate.Value.Year, 2005, 2024);
            Assert.InRange(record.PublicationDate.Value.DayNumber - record.ApplicationDate.Value.DayNumber, 6 * 28, 19 * 31);
            Assert.NotNull(record.ClaimTree);
            Assert.Equal(record.Ipc[0], record.MainIpc);
            Assert.NotEqual(LegalState.Unknown, record.LegalState);
            var kind = record.PublicationNumber![^1];
            Assert.Equal(kind == 'U' ? PatentType.UtilityModel : PatentType.Invention, record.Type);
            Assert.Equal(record.Type == PatentType.Invention ? '1' : '2', record.ApplicationNumber![4]);
            if (kind == 'A')
            {
                Assert.NotEqual(LegalState.InForce, record.LegalState);
            }
        }

        var numbers = records.Select(r => r.PublicationNumber!).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(numbers.Intersect(DemoPublicationNumbers(), StringComparer.Ordinal));

        // IPC sections in about the proportions of the demo titles: the top section is the same.
        var demoTop = DemoMainSections().GroupBy(s => s).OrderByDescending(g => g.Count()).First().Key;
        var synthTop = records.GroupBy(r => r.MainIpc![0]).OrderByDescending(g => g.Count()).First().Key;
        Assert.Equal(demoTop, synthTop);
        Assert.True(records.Select(r => r.MainIpc![0]).Distinct().Count() >= 6);

        // Dependent claims refer back to earlier claims.
        Assert.Contains(records, r => r.Claims!.Contains("根据权利要求1所述的", StringComparison.Ordinal));

        // Applicants from Jinzhong resolve to Jinzhong's region codes; others resolve elsewhere.
        var jinzhong = records.Count(r => r.Region?.CityCode == "140700");
        Assert.InRange(jinzhong, docs / 5, docs * 3 / 5);
        Assert.Contains(records, r => r.Region?.CountyCode == "140703");
        Assert.Contains(records, r => r.Region?.ProvinceCode is { } p && p != "140000");
        Assert.True(records.Count(r => r.Region?.ProvinceCode is not null) >= docs * 95 / 100);
    }

    [Fact]
    public void Writing_into_the_demo_corpus_is_refused()
    {
        var target = Path.Combine(RepoPaths.Demo, "synthetic-test.jsonl");
        var (exit, output) = IndexerRun.Cli("synthesize", "--docs", "10", "--seed", "1", "--out", target, "--source", RepoPaths.Demo);
        Assert.NotEqual(0, exit);
        Assert.Contains("Refused", output, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".partial"));

        // Also when the source is elsewhere: data/demo is never a target.
        Assert.Throws<CorpusScalerRefusedException>(() =>
            CorpusScaler.EnsureWritableTarget(Path.Combine(RepoPaths.Demo, "sub", "x.jsonl"), _scratch.Path));
        CorpusScaler.EnsureWritableTarget(_scratch.File("ok.jsonl"), RepoPaths.Demo);
    }

    private static IEnumerable<string> DemoLines() =>
        Directory.EnumerateFiles(RepoPaths.Demo, "*.jsonl").Order(StringComparer.Ordinal).SelectMany(File.ReadLines);

    private static HashSet<string> DemoPublicationNumbers()
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in DemoLines())
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("publicationNumber", out var number))
            {
                numbers.Add(number.GetString()!);
            }
        }
        return numbers;
    }

    private static List<char> DemoMainSections()
    {
        var sections = new List<char>();
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Demo, "cn-titles-ipc.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("ipc", out var ipc) && ipc.GetArrayLength() > 0)
            {
                sections.Add(ipc[0].GetString()![0]);
            }
        }
        return sections;
    }
}
