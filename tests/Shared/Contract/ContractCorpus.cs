using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;
using PatentNav.Core.Regions;
using PatentNav.Ingestion.Readers;

namespace PatentNav.Tests.Contract;

/// <summary>
/// The records every engine-contract test indexes: real titles, abstracts, claims and IPC from the demo corpus, through
/// the same reader and record builder as the indexer, with applicants, dates, types, legal states and regions assigned
/// deterministically (the demo corpus has none) so aggregations and date sorts have something to count.
/// </summary>
internal static class ContractCorpus
{
    public static readonly string[] Applicants = ["太原理工大学", "中北大学", "山西潞安环保能源开发股份有限公司", "晋中学院", "华为技术有限公司", "清华大学", "比亚迪股份有限公司", "中国科学院山西煤炭化学研究所", "王建国"];

    /// <summary>Joins the records of 2021 and later only: a new entrant of every node it files in.</summary>
    public const string LateApplicant = "山西示范区氢能科技有限公司";

    public static readonly string[] Inventors = ["李明", "王芳", "张伟", "刘洋", "陈静", "杨帆", "不公告发明人"];

    private static readonly RegionCodes[] Regions =
    [
        new("140000", "140100", "140105"),
        new("140000", "140700", "140702"),
        // A municipality has no city level: its districts sit right under it, as the division table has them.
        new("110000", null, "110108"),
        new("440000", "440300", "440305"),
    ];

    private static readonly Lazy<IReadOnlyList<PatentRecord>> Lazy = new(Load);

    /// <summary>300 records: 150 with claims (kppatent-tac), 150 titles with IPC (cn-titles-ipc).</summary>
    public static IReadOnlyList<PatentRecord> Records => Lazy.Value;

    private static List<PatentRecord> Load()
    {
        var builder = new PatentRecordBuilder(RegionResolver.Default);
        var records = new List<PatentRecord>();
        foreach (var file in new[] { "kppatent-tac.jsonl", "cn-titles-ipc.jsonl" })
        {
            var taken = 0;
            foreach (var result in SourceReaders.ReadAll([Path.Combine(RepoPaths.Demo, file)], CancellationToken.None))
            {
                if (result is not SourceReadResult.Record(var source) || builder.Build(source).Record is not { } record)
                {
                    continue;
                }
                records.Add(Enrich(record, records.Count));
                if (++taken == 150)
                {
                    break;
                }
            }
        }
        return records;
    }

    private static PatentRecord Enrich(PatentRecord record, int i)
    {
        // Every seventh record has no dates: engines must agree on where a missing date sorts.
        DateOnly? applied = i % 7 == 3 ? null : new DateOnly(2012 + (i % 11), 1 + (i % 12), 1 + (i % 27));
        return record with
        {
            Applicants = [.. (i % 5 == 4 ? [Applicants[i % Applicants.Length], Applicants[(i + 3) % Applicants.Length]] : new[] { Applicants[i % Applicants.Length] }),
                .. applied?.Year >= 2021 && i % 2 == 1 ? new[] { LateApplicant } : []],
            Inventors = i % 3 == 0 ? [Inventors[i % Inventors.Length], Inventors[(i + 2) % Inventors.Length]] : i % 8 == 5 ? [] : [Inventors[i % Inventors.Length]],
            ApplicationDate = applied,
            PublicationDate = applied?.AddMonths(18),
            Type = (i % 3) switch { 0 => PatentType.Invention, 1 => PatentType.UtilityModel, _ => PatentType.Invention },
            LegalState = (i % 4) switch { 0 => LegalState.InForce, 1 => LegalState.Pending, 2 => LegalState.NotInForce, _ => LegalState.InForce },
            Region = i % 6 == 5 ? null : Regions[i % Regions.Length],
            // Every tenth is another office's publication; records without a number keep no office.
            Office = i % 10 == 7 ? "US" : record.Office,
        };
    }
}
