using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using PatentNav.Core.Analysis;

namespace PatentNav.Engine.Elasticsearch;

/// <summary>
/// The cluster index's settings and mapping (Resources/patent-index.json, reviewed against the Elasticsearch 9.1
/// reference) with the stop list filled in from the same resource the embedded analysers read, so both engines drop
/// exactly the same words. Bump <c>_meta.mapping_version</c> in the resource whenever a mapping or analysis change needs
/// the cluster index rebuilt: the service then refuses the old index until <c>es-sync --rebuild</c> has run.
/// </summary>
public static class PatentIndexTemplate
{
    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PatentNav.Engine.Elasticsearch.patent-index.json")
            ?? throw new InvalidOperationException("The index template resource is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The mapping version this build writes and expects.</summary>
    public static int MappingVersion { get; } =
        JsonNode.Parse(Template.Value)!["mappings"]!["_meta"]!["mapping_version"]!.GetValue<int>();

    public static string IndexName(string alias) => string.Create(CultureInfo.InvariantCulture, $"{alias}-v{MappingVersion}");

    /// <summary>The create-index body: settings, analysis with our stop list, mapping, and the alias pointing at it.</summary>
    public static JsonObject CreateIndexBody(string alias, int shards, int replicas)
    {
        var body = JsonNode.Parse(Template.Value)!.AsObject();
        var index = body["settings"]!["index"]!;
        index["number_of_shards"] = shards;
        index["number_of_replicas"] = replicas;
        body["settings"]!["analysis"]!["filter"]!["patent_stop"]!["stopwords"] = new JsonArray([.. StopWords().Select(w => (JsonNode)JsonValue.Create(w))]);
        body["aliases"] = new JsonObject { [alias] = new JsonObject { ["is_write_index"] = true } };
        return body;
    }

    /// <summary>SmartCn's punctuation stop set plus the patent boilerplate list: <see cref="PatentAnalysis.StopWords"/>, sorted.</summary>
    public static IReadOnlyList<string> StopWords() =>
        [.. PatentAnalysis.StopWords.Select(w => w?.ToString() ?? "").Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
