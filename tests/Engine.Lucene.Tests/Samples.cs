using PatentNav.Core.Model;

namespace PatentNav.Engine.Lucene.Tests;

/// <summary>Records built from real demo text (kppatent-tac, cn-titles-ipc).</summary>
internal static class Samples
{
    public static PatentRecord Mining => new()
    {
        Id = "CN113914863A",
        PublicationNumber = "CN113914863A",
        Type = PatentType.Invention,
        KindCode = "A",
        Title = "一种近水平薄矿体智能掘进机机械开采方法",
        Abstract = "本发明公开了一种近水平薄矿体智能掘进机机械开采方法，包括如下步骤：沿矿体走向划分盘区，盘区内沿倾向布置若干矿块；用智能掘进机对各矿块进行回采，采用房柱采矿方式在矿块回采时留间柱、点柱和底柱。",
        Claims = "1.一种近水平薄矿体智能掘进机机械开采方法，其特征在于，包括如下步骤：沿矿体走向划分盘区(6)。",
        Ipc = ["E21C41/16", "E21C27/24"],
        MainIpc = "E21C41/16",
        Applicants = ["山西某矿业有限公司"],
        ApplicationDate = new DateOnly(2021, 10, 14),
        PublicationDate = new DateOnly(2022, 1, 11),
        Region = new RegionCodes("140000", "140700", "140702"),
        LegalState = LegalState.Pending,
    };

    public static PatentRecord Laundry => new()
    {
        Id = "CN114232276A",
        PublicationNumber = "CN114232276A",
        Type = PatentType.Invention,
        KindCode = "A",
        Title = "一种衣物处理装置的预约控制方法及衣物处理装置",
        Abstract = "一种衣物处理装置的预约控制方法，包括以下步骤：获取用户信息；预估所需的衣物处理时长；根据获取用户信息和所需的衣物处理时长，确定预约衣物处理开始时刻。",
        Ipc = ["D06F33/00", "D06F34/05"],
        ApplicationDate = new DateOnly(2020, 12, 22),
        PublicationDate = new DateOnly(2022, 3, 25),
        LegalState = LegalState.Pending,
    };

    public static PatentRecord Battery => new()
    {
        Id = "CN111504366B",
        PublicationNumber = "CN111504366B",
        Type = PatentType.Invention,
        Title = "一种钙钛矿太阳能电池及其制备方法",
        Abstract = "本发明涉及一种钙钛矿太阳能电池，包括碳化硅衬底和锂离子传输层。",
        Ipc = ["H01M10/0525", "H01L31/18"],
        ApplicationDate = new DateOnly(2019, 5, 6),
        PublicationDate = new DateOnly(2020, 8, 7),
        Region = new RegionCodes("140000", "140700", null),
        LegalState = LegalState.InForce,
    };

    public static PatentRecord KeyphraseOnly => new()
    {
        Id = "KP-A-0001",
        Abstract = "本申请涉及使用近红外光谱法评估牙齿表面上的聚合物沉积的方法，从而提供一种快速且有效的方法来筛选和鉴别用于口腔护理制剂中的最佳聚合物。",
        Keyphrases = ["近红外光谱法", "聚合物沉积"],
    };

    public static IReadOnlyList<PatentRecord> All => [Mining, Laundry, Battery, KeyphraseOnly];
}
