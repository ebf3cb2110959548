using PatentNav.Core.Infringement;

namespace PatentNav.Core.Tests.Infringement;

public sealed class QuantitiesTests
{
    private static Quantity One(string text) => Assert.Single(Quantities.Find(text));

    [Theory]
    // Closed ranges with Chinese and ASCII range signs, units on one or both ends (real claim wording).
    [InlineData("适用于厚度3～8m的矿体", "length", 3.0, false, 8.0, false)]
    [InlineData("质量分数为0.14％～1.5％的二氧化硅", "fraction", 0.14, false, 1.5, false)]
    [InlineData("以250～350℃热处理", "temperature", 250.0, false, 350.0, false)]
    [InlineData("压力为5至10 MPa", "pressure", 5e6, false, 10e6, false)]
    [InlineData("厚度为5-30nm", "length", 5e-9, false, 30e-9, false)]
    [InlineData("光学带隙为1.0~1.1eV", "energy", 1.0, false, 1.1, false)]
    [InlineData("包括20-50重量份的聚酰亚胺", "parts-by-weight", 20.0, false, 50.0, false)]
    // Open and half-open bounds: signs and words before, 以上/以下 after.
    [InlineData("厚度≥5mm", "length", 0.005, false, null, false)]
    [InlineData("厚度不小于5mm", "length", 0.005, false, null, false)]
    [InlineData("重量大于2kg", "mass", 2.0, true, null, false)]
    [InlineData("温度在10℃以下", "temperature", null, false, 10.0, false)]
    [InlineData("长度20毫米以上", "length", 0.02, false, null, false)]
    [InlineData("电压<220V", "voltage", null, false, 220.0, true)]
    [InlineData("功率不超过1.5kW", "power", null, false, 1500.0, false)]
    public void Reads_values_and_ranges_in_base_units(string text, string dimension, double? min, bool minOpen, double? max, bool maxOpen)
    {
        var quantity = One(text);
        Assert.Equal(dimension, quantity.Dimension);
        Assert.Equal(min, quantity.Min is { } a ? Math.Round(a, 12) : null);
        Assert.Equal(minOpen, quantity.MinOpen);
        Assert.Equal(max, quantity.Max is { } b ? Math.Round(b, 12) : null);
        Assert.Equal(maxOpen, quantity.MaxOpen);
    }

    [Theory]
    [InlineData("步骤S1中设置电机")]
    [InlineData("根据权利要求1-3中任一项所述的装置")]
    [InlineData("Cu/(Zn+Sn)＝0.5～0.8")]
    public void Numbers_without_units_are_not_quantities(string text) => Assert.Empty(Quantities.Find(text));

    [Theory]
    [InlineData("厚度3～8m", "厚度为6m", true)]
    [InlineData("厚度3～8m", "厚度为3m", true)]
    [InlineData("厚度3～8m", "厚度为9 m", false)]
    [InlineData("厚度3～8m", "厚度为300cm", true)]
    [InlineData("厚度3～8m", "厚度为4~6米", true)]
    [InlineData("厚度3～8m", "厚度为7~9米", false)]
    [InlineData("重量大于2kg", "重2kg", false)]
    [InlineData("重量大于2kg", "重2.5 kg", true)]
    [InlineData("温度在10℃以下", "温度为10℃", true)]
    [InlineData("温度在10℃以下", "温度为12℃", false)]
    [InlineData("厚度≥5mm", "厚度为0.4cm", false)]
    [InlineData("厚度≥5mm", "厚度为0.6cm", true)]
    public void A_claimed_range_contains_a_product_value_only_when_every_value_is_inside(string claim, string product, bool contained)
    {
        Assert.Equal(contained, One(claim).Contains(One(product)));
    }

    [Fact]
    public void Counts_of_parts_are_quantities_so_a_claimed_number_range_can_be_checked() =>
        Assert.True(One("每个盘区沿倾向布置4~6个矿块").Contains(One("盘区内布置5个矿块")));

    [Fact]
    public void Different_dimensions_never_compare() => Assert.False(One("温度250～350℃").Contains(One("厚度300mm")));

    [Fact]
    public void The_attribute_before_a_value_names_the_property() => Assert.Equal("厚度", One("所述钝化层的厚度为5～30nm").Attribute[^2..]);
}
