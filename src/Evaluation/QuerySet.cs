using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatentNav.Evaluation;

/// <summary>One line of an evaluation file: <c>{"query": "...", "relevant": ["CN…"], "kind": "ordinary"}</c>.</summary>
public sealed record EvaluationQuery(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("relevant")] IReadOnlyList<string> Relevant,
    [property: JsonPropertyName("kind")] string? Kind = null,
    [property: JsonPropertyName("split")] string? Split = null)
{
    /// <summary>Held-out queries are only ever evaluated, never tuned on (eval/queries/README.md).</summary>
    public bool HeldOut => string.Equals(Split, "heldout", StringComparison.Ordinal);
}

public static class QuerySet
{
    public static IReadOnlyList<EvaluationQuery> Load(string path)
    {
        var queries = new List<EvaluationQuery>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                var query = JsonSerializer.Deserialize<EvaluationQuery>(line) ?? throw new JsonException("null line");
                queries.Add(query with { Relevant = query.Relevant ?? [] });
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not an evaluation query ({ex.Message})", ex);
            }
        }
        return queries;
    }

    public static void Save(string path, IEnumerable<EvaluationQuery> queries)
    {
        var options = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        File.WriteAllLines(path, queries.Select(q => JsonSerializer.Serialize(q, options)));
    }
}
