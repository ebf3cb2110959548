using PatentNav.Core.Model;
using PatentNav.Engine.Lucene;

namespace PatentNav.NavigationMaps.Tests;

/// <summary>The 创新券 growth list on a labelled corpus with planted growth: exactly the planted enterprises qualify.</summary>
public sealed class VoucherGrowthListTests : IDisposable
{
    private static readonly RegionCodes Jinzhong = new("140000", "140700", "140702") { Basis = RegionBasis.Address };
    private static readonly RegionCodes Taiyuan = new("140000", "140100", "140105") { Basis = RegionBasis.Address };

    private readonly string _dir = Directory.CreateTempSubdirectory("patentnav-growth-").FullName;
    private int _serial;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Granted inventions (B publications in the year) of one applicant.</summary>
    private IEnumerable<PatentRecord> Grants(string applicant, RegionCodes region, int year, int count, string kind = "B", DateOnly? grantDate = null, LegalState state = LegalState.InForce)
    {
        for (var i = 0; i < count; i++)
        {
            var serial = 110_000_000 + Interlocked.Increment(ref _serial);
            yield return new PatentRecord
            {
                Id = $"CN{serial}{kind}",
                PublicationNumber = $"CN{serial}{kind}",
                KindCode = kind,
                Type = PatentType.Invention,
                ApplicationNumber = $"2020{serial:D8}.1",
                Title = $"一种测试用的装置{serial}",
                Applicants = [applicant],
                Region = region,
                ApplicationDate = new DateOnly(year - 2, 3, 1),
                PublicationDate = new DateOnly(year, 6, 1),
                GrantDate = grantDate,
                LegalState = state,
            };
        }
    }

    [Fact]
    public async Task Exactly_the_planted_enterprises_whose_grants_grew_by_the_threshold_qualify()
    {
        var records = new List<PatentRecord>();
        records.AddRange(Grants("晋中甲科技有限公司", Jinzhong, 2023, 3));
        records.AddRange(Grants("晋中甲科技有限公司", Jinzhong, 2024, 9));
        // Applications published in 2024 are not grants.
        records.AddRange(Grants("晋中甲科技有限公司", Jinzhong, 2024, 4, kind: "A", state: LegalState.Pending));
        records.AddRange(Grants("晋中乙机械有限公司", Jinzhong, 2023, 10));
        records.AddRange(Grants("晋中乙机械有限公司", Jinzhong, 2024, 14));
        // Exactly the threshold, one of them listed by its A publication with a grant date (as incoPat lists families).
        records.AddRange(Grants("晋中丙新材料股份有限公司", Jinzhong, 2024, 4));
        records.AddRange(Grants("晋中丙新材料股份有限公司", Jinzhong, 2023, 1, kind: "A", grantDate: new DateOnly(2024, 9, 1)));
        // Growth outside the region, and a university's growth: neither is a Jinzhong enterprise.
        records.AddRange(Grants("太原丁电子有限公司", Taiyuan, 2024, 8));
        records.AddRange(Grants("晋中学院", Jinzhong, 2024, 7));
        // Grants of 2022 do not count for 2023 → 2024.
        records.AddRange(Grants("晋中戊能源有限公司", Jinzhong, 2022, 9));

        using var index = LucenePatentIndex.Open(_dir);
        index.Upsert(records);
        index.Commit();
        var list = await new VoucherGrowthList(index).BuildAsync("1407", 2024);

        Assert.Equal(["晋中甲科技", "晋中丙新材料"], list.Qualified.Select(e => e.Key));
        var first = list.Qualified[0];
        Assert.Equal((3L, 9L, 6L), (first.PreviousYear, first.Year, first.Growth));
        Assert.Equal(9, first.Patents.Count);
        Assert.Equal((0L, 5L), (list.Qualified[1].PreviousYear, list.Qualified[1].Year));
        Assert.Contains(list.Others, e => e.Key == "晋中乙机械" && e.Growth == 4);
        Assert.DoesNotContain(list.Qualified.Concat(list.Others), e => e.Key is "太原丁电子" or "晋中学院" or "晋中戊能源");
        Assert.Equal(3 + 9 + 10 + 14 + 5, list.GrantsCounted);

        // The threshold is configurable, and the province's list includes Taiyuan.
        Assert.Contains(list.Others, e => e.Key == "晋中乙机械");
        Assert.Contains((await new VoucherGrowthList(index).BuildAsync("1407", 2024, threshold: 4)).Qualified, e => e.Key == "晋中乙机械");
        Assert.Contains((await new VoucherGrowthList(index).BuildAsync("14", 2024)).Qualified, e => e.Key == "太原丁电子");
    }
}
