using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;
using PatentNav.Core.Regions;
using PatentNav.Ingestion.Readers;

namespace PatentNav.Ingestion.Tests.Readers;

public class CanonicalRoundTripTests
{
    [Fact]
    public void A_record_serialised_as_canonical_json_reads_and_builds_back_to_the_same_facts()
    {
        var original = new PatentRecord
        {
            Id = "CN113914863A",
            PublicationNumber = "CN113914863A",
            ApplicationNumber = "202223220665.2",
            Title = "一种近水平薄矿体智能掘进机机械开采方法",
            Abstract = "本发明公开了一种近水平薄矿体智能掘进机机械开采方法。",
            Ipc = ["E21C41/16", "E21C27/24"],
            MainIpc = "E21C41/16",
            Applicants = ["山西某矿业有限公司"],
            Address = "山西省晋中市榆次区某路1号",
            ApplicationDate = new DateOnly(2021, 10, 14),
            PublicationDate = new DateOnly(2022, 1, 11),
            LegalStatusText = "审中-实质审查",
            Keyphrases = ["掘进机"],
        };
        var json = PatentJson.SerializeToUtf8(original);
        var read = SourceReaders.ParseJsonRecord(json, new SourceLocation("roundtrip", 1));
        var source = Assert.IsType<SourceReadResult.Record>(read).Value;
        var built = new PatentRecordBuilder(RegionResolver.Default).Build(source).Record;

        Assert.NotNull(built);
        Assert.Equal(original.Id, built.Id);
        Assert.Equal(original.ApplicationNumber, built.ApplicationNumber);
        Assert.Equal(original.Ipc, built.Ipc);
        Assert.Equal(original.MainIpc, built.MainIpc);
        Assert.Equal(original.Applicants, built.Applicants);
        Assert.Equal(original.ApplicationDate, built.ApplicationDate);
        Assert.Equal(original.PublicationDate, built.PublicationDate);
        Assert.Equal(original.LegalStatusText, built.LegalStatusText);
        Assert.Equal(LegalState.Pending, built.LegalState);
        Assert.Equal("140702", built.Region?.CountyCode);
        Assert.Equal(original.Keyphrases, built.Keyphrases);
    }
}
