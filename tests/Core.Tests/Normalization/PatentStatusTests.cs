using PatentNav.Core.Model;
using PatentNav.Core.Normalization;

namespace PatentNav.Core.Tests.Normalization;

public class PatentStatusTests
{
    [Theory]
    [InlineData("有权-审定授权", LegalState.InForce)]        // cnipa-export-sample.csv 法律状态
    [InlineData("审中-实质审查", LegalState.Pending)]
    [InlineData("审中-公开", LegalState.Pending)]
    [InlineData("无权-未缴年费终止", LegalState.NotInForce)]
    [InlineData("未缴年费终止", LegalState.NotInForce)]
    [InlineData("期限届满", LegalState.NotInForce)]
    [InlineData("驳回", LegalState.NotInForce)]
    [InlineData("视为撤回", LegalState.NotInForce)]
    [InlineData("放弃", LegalState.NotInForce)]
    [InlineData("授权", LegalState.InForce)]
    [InlineData("实质审查", LegalState.Pending)]
    [InlineData("", LegalState.Unknown)]
    [InlineData(null, LegalState.Unknown)]
    [InlineData("其他", LegalState.Unknown)]
    public void Legal_status_text_maps_to_the_coarse_state(string? text, LegalState expected)
    {
        Assert.Equal(expected, PatentStatus.LegalStateOf(text));
    }

    [Theory]
    [InlineData("实用新型", PatentType.UtilityModel)]          // cnipa-export-sample.csv 专利类型
    [InlineData("发明公开", PatentType.Invention)]
    [InlineData("发明公开;发明授权", PatentType.Invention)]
    [InlineData("发明授权", PatentType.Invention)]
    [InlineData("外观设计", PatentType.Design)]
    [InlineData("UtilityModel", PatentType.UtilityModel)]     // canonical JSONL
    [InlineData("invention", PatentType.Invention)]
    [InlineData("Design", PatentType.Design)]
    [InlineData("发明", PatentType.Invention)]
    [InlineData("", PatentType.Unknown)]
    [InlineData("其他", PatentType.Unknown)]
    public void Type_text_maps_to_the_patent_type(string text, PatentType expected)
    {
        Assert.Equal(expected, PatentStatus.TypeOf(text));
    }
}
