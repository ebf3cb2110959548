using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatentNav.Core.Model;

/// <summary>The one JSON shape of <see cref="PatentRecord"/>: canonical JSONL, stored engine source and API responses.</summary>
public static class PatentJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Chinese stays readable in files and responses; the HTML-sensitive characters are still escaped.
        Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        WriteIndented = false,
    };

    public static byte[] SerializeToUtf8(PatentRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, Options);

    public static PatentRecord Deserialize(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<PatentRecord>(utf8, Options)
        ?? throw new JsonException("A stored patent record deserialised to null.");
}
