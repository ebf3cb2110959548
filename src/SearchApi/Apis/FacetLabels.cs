using PatentNav.Core.Engine;
using PatentNav.Core.Regions;

namespace PatentNav.SearchApi.Apis;

/// <summary>Chinese display labels for facet values that are codes.</summary>
internal static class FacetLabels
{
    public static string? Label(FacetField field, string value) => field switch
    {
        FacetField.Type => value switch { "Invention" => "发明", "UtilityModel" => "实用新型", "Design" => "外观设计", _ => "未知" },
        FacetField.LegalState => value switch { "InForce" => "有权", "Pending" => "审中", "NotInForce" => "无权", _ => "未知" },
        FacetField.Province or FacetField.City or FacetField.County => RegionResolver.Default.NameOf(value),
        FacetField.ApplicantKind => Core.Normalization.ApplicantKind.Label(value),
        _ => null,
    };
}
