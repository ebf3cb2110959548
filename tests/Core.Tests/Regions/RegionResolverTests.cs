using PatentNav.Core.Model;
using PatentNav.Core.Regions;

namespace PatentNav.Core.Tests.Regions;

public class RegionResolverTests
{
    private static RegionCodes? Resolve(string? address, string? hint = null) => RegionResolver.Default.Resolve(address, hint);

    // The counties of Jinzhong (晋中市, 1407) listed in docs/architecture.md (regions), with their codes from divisions.csv.
    [Theory]
    [InlineData("榆次区", "140702")]
    [InlineData("太谷区", "140703")]
    [InlineData("榆社县", "140721")]
    [InlineData("左权县", "140722")]
    [InlineData("和顺县", "140723")]
    [InlineData("昔阳县", "140724")]
    [InlineData("寿阳县", "140725")]
    [InlineData("祁县", "140727")]
    [InlineData("平遥县", "140728")]
    [InlineData("灵石县", "140729")]
    [InlineData("介休市", "140781")]
    public void Every_Jinzhong_county_resolves_under_Shanxi_and_Jinzhong(string county, string code)
    {
        Assert.Equal(new RegionCodes("140000", "140700", code), Resolve($"030600 山西省晋中市{county}中心街1号"));
        // Starting at the city, and at the county itself.
        Assert.Equal(new RegionCodes("140000", "140700", code), Resolve($"晋中市{county}中心街1号"));
        Assert.Equal(new RegionCodes("140000", "140700", code), Resolve($"{county}中心街1号"));
    }

    [Fact]
    public void Leading_postcode_is_not_a_division_code()
    {
        Assert.Equal(new RegionCodes("140000", "140700", "140702"), Resolve("030600 山西省晋中市榆次区迎宾西街"));
        // 450000 is Zhengzhou's postcode and also Guangxi's division code; glued to the address as in CNIPA exports.
        Assert.Equal(new RegionCodes("410000", "410100", null), Resolve("450000河南省郑州市郑东新区中道东路6号创意岛大厦8层"));
    }

    // 申请人地址 and 国省代码 of data/formats/cnipa-export-sample.csv: 郑东新区 is a development zone, not a county.
    [Theory]
    [InlineData("450000河南省郑州市郑东新区中道东路6号创意岛大厦8层")]
    [InlineData("450018河南省郑州市郑东新区中道东路6号创意岛大厦8层")]
    [InlineData("450046河南省郑州市郑东新区中州大道6号创意岛大厦8层")]
    public void CNIPA_export_addresses_resolve_to_Zhengzhou(string address)
    {
        Assert.Equal(new RegionCodes("410000", "410100", null), Resolve(address, "河南(41)"));
    }

    [Theory]
    [InlineData("山西晋中榆次区迎宾西街", "140000", "140700", "140702")]
    [InlineData("内蒙古自治区呼和浩特市赛罕区", "150000", "150100", "150105")]
    [InlineData("内蒙古包头市昆都仑区", "150000", "150200", "150203")]
    [InlineData("广西壮族自治区南宁市青秀区", "450000", "450100", "450103")]
    [InlineData("广西南宁青秀区", "450000", "450100", "450103")]
    [InlineData("湖北省恩施土家族苗族自治州恩施市", "420000", "422800", "422801")]
    [InlineData("湖北恩施州恩施市", "420000", "422800", "422801")]
    [InlineData("新疆伊犁州伊宁市", "650000", "654000", "654002")]
    public void Full_and_short_names_are_both_read(string address, string province, string city, string county)
    {
        Assert.Equal(new RegionCodes(province, city, county), Resolve(address));
    }

    [Theory]
    [InlineData("北京市海淀区中关村大街1号", "110000", "110108")]
    [InlineData("北京海淀区中关村大街1号", "110000", "110108")]
    [InlineData("上海市浦东新区张江路", "310000", "310115")]
    [InlineData("河南省济源市济水大街", "410000", "419001")] // county-level city directly under the province
    public void Municipalities_and_province_administered_counties_have_no_city(string address, string province, string county)
    {
        Assert.Equal(new RegionCodes(province, null, county), Resolve(address));
    }

    [Fact]
    public void Ambiguous_county_is_only_taken_under_a_known_parent()
    {
        // 鼓楼区 is in Nanjing, Xuzhou, Fuzhou and Kaifeng; 朝阳区 in Beijing and Changchun.
        Assert.Null(Resolve("鼓楼区中山路1号"));
        Assert.Null(Resolve("朝阳区建国路"));
        Assert.Equal(new RegionCodes("320000", "320100", "320106"), Resolve("江苏省南京市鼓楼区中山路1号"));
        Assert.Equal(new RegionCodes("320000", null, null), Resolve("江苏省鼓楼区中山路1号"));
        Assert.Equal(new RegionCodes("140000", "140500", "140502"), Resolve("山西省晋城市城区泽州路"));
    }

    [Fact]
    public void Province_hint_applies_when_the_address_names_no_province()
    {
        Assert.Equal(new RegionCodes("410000", "410100", "410105"), Resolve("郑州市金水区花园路", "河南(41)"));
        Assert.Equal(new RegionCodes("410000", "410200", "410204"), Resolve("鼓楼区中山路1号", "河南(41)"));
        Assert.Equal(new RegionCodes("410000", "410200", "410204"), Resolve("鼓楼区中山路1号", "410000"));
        Assert.Equal(new RegionCodes("410000", null, null), Resolve("某某大学", "河南(41)"));
        Assert.Equal(new RegionCodes("410000", null, null), Resolve(null, "河南"));
        // An address that names its province, or a city elsewhere, outweighs the hint.
        Assert.Equal(new RegionCodes("440000", "440300", "440305"), Resolve("广东省深圳市南山区", "河南(41)"));
        Assert.Equal(new RegionCodes("440000", "440300", "440305"), Resolve("深圳市南山区", "河南(41)"));
    }

    [Theory]
    [InlineData("某某大学")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("030600")]
    public void Address_without_a_region_gives_null(string? address)
    {
        Assert.Null(Resolve(address));
    }

    [Fact]
    public void Longest_name_wins_between_levels()
    {
        // 吉林 is a province short form and 吉林市 a city.
        Assert.Equal(new RegionCodes("220000", "220200", "220204"), Resolve("吉林市船营区"));
        Assert.Equal(new RegionCodes("220000", "220200", "220204"), Resolve("吉林省吉林市船营区"));
        // 黔西县 is a county; 黔西南 is the short form of a prefecture.
        Assert.Equal("522300", Resolve("贵州省黔西南州兴义市")?.CityCode);
    }

    [Fact]
    public void Renamed_county_matches_its_new_suffix_under_a_known_city()
    {
        // 太谷县 became 太谷区 in 2019; older patents carry the old name.
        Assert.Equal(new RegionCodes("140000", "140700", "140703"), Resolve("山西省晋中市太谷县铭贤南路1号"));
    }

    [Fact]
    public void Traditional_and_full_width_addresses_are_normalised_first()
    {
        Assert.Equal(new RegionCodes("140000", "140700", "140702"), Resolve("０３０６００　山西省晉中市榆次區"));
    }

    [Theory]
    [InlineData("140700", "晋中市")]
    [InlineData("140781", "介休市")]
    [InlineData("1407", "晋中市")]
    [InlineData("14", "山西省")]
    [InlineData("110000", "北京市")]
    public void NameOf_gives_the_official_name(string code, string name)
    {
        Assert.Equal(name, RegionResolver.Default.NameOf(code));
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("030600")]
    [InlineData("14070")]
    [InlineData("abc")]
    [InlineData("")]
    public void NameOf_unknown_code_is_null(string code)
    {
        Assert.Null(RegionResolver.Default.NameOf(code));
    }

    [Fact]
    public void Division_table_is_embedded_under_its_folder_name()
    {
        Assert.Contains("PatentNav.Core.Resources.regions/divisions.csv", typeof(RegionResolver).Assembly.GetManifestResourceNames());
    }
}
