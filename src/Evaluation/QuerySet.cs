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
    public static IReadOnlyList<EvaluationQuery> Load(string path) =>
        LoadLines<EvaluationQuery>(path, "an evaluation query", query => query with { Relevant = query.Relevant ?? [] });

    /// <summary>One JSON object per line, blank lines skipped; a bad line names its file and number.</summary>
    /// <param name="check">Validates or completes an item; throws <see cref="JsonException"/> for one that is unusable.</param>
    public static IReadOnlyList<T> LoadLines<T>(string path, string what, Func<T, T> check)
    {
        var items = new List<T>();
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
                items.Add(check(JsonSerializer.Deserialize<T>(line) ?? throw new JsonException("null line")));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not {what} ({ex.Message})", ex);
            }
        }
        return items;
    }

    public static void Save(string path, IEnumerable<EvaluationQuery> queries)
    {
        var options = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        File.WriteAllLines(path, queries.Select(q => JsonSerializer.Serialize(q, options)));
    }
}
