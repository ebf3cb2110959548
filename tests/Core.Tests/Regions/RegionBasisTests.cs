using PatentNav.Core.Model;
using PatentNav.Core.Regions;

namespace PatentNav.Core.Tests.Regions;

/// <summary>Where a record's region comes from, in order: address, the export's province column, the applicant's name.</summary>
public sealed class RegionBasisTests
{
    private static readonly RegionResolver Regions = RegionResolver.Default;

    [Fact]
    public void An_address_is_the_first_basis_even_when_the_name_names_another_place()
    {
        var region = Regions.Resolve("山西省晋中市太谷区铭贤南路1号", null, ["北京某科技有限公司"]);
        Assert.Equal(new RegionCodes("140000", "140700", "140703") { Basis = RegionBasis.Address }, region);
    }

    [Fact]
    public void A_province_column_is_the_basis_when_there_is_no_address()
    {
        // CNKI's 国省名称 for a 中山大学 hospital.
        var region = Regions.Resolve(null, "广东省", ["中山大学附属第八医院(深圳福田)"]);
        Assert.Equal(("440000", RegionBasis.Province), (region!.ProvinceCode, region.Basis));
        Assert.Null(region.CityCode);
    }

    [Theory]
    [InlineData("太原理工大学", "140000", "140100")]
    [InlineData("晋中学院", "140000", "140700")]
    [InlineData("山西潞安环保能源开发股份有限公司", "140000", null)]
    // A municipality is a province-level name: no prefecture city is implied.
    [InlineData("北京京东尚科信息技术有限公司", "110000", null)]
    public void An_applicant_name_beginning_with_a_province_or_city_gives_the_region_with_basis_name(string name, string province, string? city)
    {
        var region = Regions.Resolve(null, null, [name]);
        Assert.NotNull(region);
        Assert.Equal((province, city, RegionBasis.Name), (region.ProvinceCode, region.CityCode, region.Basis));
    }

    [Theory]
    [InlineData("中北大学")]
    [InlineData("华为技术有限公司")]
    [InlineData("东方电气集团东方电机有限公司")]
    [InlineData("科大讯飞股份有限公司")]
    public void A_name_that_does_not_begin_with_a_province_or_city_leaves_the_region_unknown(string name) =>
        Assert.Null(Regions.Resolve(null, null, [name]));
}
