using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;

namespace PatentNav.Ingestion.Readers;

/// <summary>
/// Turns the raw bytes of one JSON record (a JSONL line, an element of a JSON array) into a record, or into an
/// unreadable result with a precise reason. Checks run from the cheapest and most telling to the full parse.
/// </summary>
internal static class JsonRecordParser
{
    /// <summary>Unreadable records keep at most this many characters of their text: enough to diagnose, not a copy of a binary blob.</summary>
    public const int MaxUnreadableChars = 64 * 1024;

    // A member given twice has no right answer (which title is the record's?): such a record is unreadable, not last-wins.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    public static SourceReadResult Parse(ReadOnlyMemory<byte> bytes, SourceLocation location, SourceReadDiagnostics? diagnostics)
    {
        var span = bytes.Span;
        var nul = span.IndexOf((byte)0);
        if (nul >= 0)
        {
            return Unreadable(location, span, $"binary data: NUL byte at byte {nul + 1} of the record");
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(span.Length, 1));
        string text;
        try
        {
            var status = Utf8.ToUtf16(span, chars, out var bytesRead, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                return Unreadable(location, span, $"not UTF-8 text: invalid byte sequence at byte {bytesRead + 1} of the record");
            }
            text = new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }

        if (IsMostlyReplacementCharacters(text, out var replaced, out var nonAscii))
        {
            return Unreadable(location, text,
                $"garbled text: {replaced} of its {nonAscii} non-ASCII characters are U+FFFD replacement characters (text decoded with the wrong encoding upstream)");
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, DocumentOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Unreadable(location, text, $"not a JSON object: the record is a JSON {root.ValueKind.ToString().ToLowerInvariant()}");
            }
            return MapMembers(root, diagnostics, out var fields) is { } shapeError
                ? Unreadable(location, text, shapeError)
                : new SourceRecord(location, text, fields);
        }
        catch (JsonException ex)
        {
            return Unreadable(location, text, $"invalid JSON: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // GetString refuses escapes that decode to unpaired surrogates.
            return Unreadable(location, text, $"invalid JSON string: {ex.Message}");
        }
    }

    /// <summary>
    /// Maps known members to fields; returns the reason when a member's shape is wrong. Only list fields (applicants,
    /// inventors, IPC, keyphrases) take arrays, and no field takes an object: a title given as an array is a client error
    /// to report, not text to index.
    /// </summary>
    private static string? MapMembers(JsonElement root, SourceReadDiagnostics? diagnostics, out IReadOnlyDictionary<string, IReadOnlyList<string>> fields)
    {
        var collector = new FieldCollector();
        fields = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var member in root.EnumerateObject())
        {
            if (SourceFieldAliases.Find(member.Name) is not { } target)
            {
                diagnostics?.FieldIgnored(member.Name);
                continue;
            }
            var kind = member.Value.ValueKind;
            if (kind == JsonValueKind.Object)
            {
                return $"member '{member.Name}' is a JSON object; it must be a {(SourceFieldAliases.IsMultiValue(target.Field) ? "string or an array of strings" : "string")}";
            }
            if (kind == JsonValueKind.Array)
            {
                if (!SourceFieldAliases.IsMultiValue(target.Field))
                {
                    return $"member '{member.Name}' is an array; it holds one value and must be a string";
                }
                var index = 0;
                foreach (var item in member.Value.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        return $"member '{member.Name}[{index}]' is a JSON {item.ValueKind.ToString().ToLowerInvariant()}; list items must be strings";
                    }
                    OfferScalar(collector, target, item);
                    index++;
                }
            }
            else
            {
                OfferScalar(collector, target, member.Value);
            }
        }
        fields = collector.ToFields();
        return null;
    }

    /// <summary>Strings as they are, numbers in their source spelling (no float round trip), booleans as true/false; objects and arrays never get here (<see cref="MapMembers"/> refuses them).</summary>
    private static void OfferScalar(FieldCollector collector, FieldTarget target, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                collector.Offer(target, value.GetString()!);
                break;
            case JsonValueKind.True:
                collector.Offer(target, "true");
                break;
            case JsonValueKind.False:
                collector.Offer(target, "false");
                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                collector.Offer(target, value.GetRawText());
                break;
        }
    }

    /// <summary>
    /// Text that went through a wrong decoding upstream arrives as valid UTF-8 full of U+FFFD. Measured against the
    /// non-ASCII characters (the Chinese text), so JSON punctuation and keys do not dilute it; a stray U+FFFD passes.
    /// </summary>
    private static bool IsMostlyReplacementCharacters(string text, out int replaced, out int nonAscii)
    {
        replaced = 0;
        nonAscii = 0;
        foreach (var c in text)
        {
            if (c > '\u007F')
            {
                nonAscii++;
                if (c == '\uFFFD')
                {
                    replaced++;
                }
            }
        }
        return replaced >= 4 && replaced * 2 >= nonAscii;
    }

    internal static UnreadableRecord Unreadable(SourceLocation location, ReadOnlySpan<byte> bytes, string reason)
    {
        // Decoding with replacement keeps what can be shown; the cap keeps a binary blob out of quarantine.
        var head = bytes.Length > MaxUnreadableChars * 3 ? bytes[..(MaxUnreadableChars * 3)] : bytes;
        return new(location, Truncate(Encoding.UTF8.GetString(head), $"{bytes.Length} bytes", head.Length < bytes.Length), reason);
    }

    internal static UnreadableRecord Unreadable(SourceLocation location, string text, string reason) =>
        new(location, Truncate(text, $"{text.Length} characters", cut: false), reason);

    private static string Truncate(string text, string size, bool cut)
    {
        if (text.Length <= MaxUnreadableChars && !cut)
        {
            return text;
        }
        var keep = Math.Min(text.Length, MaxUnreadableChars);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--; // never split a surrogate pair: quarantine JSON cannot hold half of one
        }
        return string.Concat(text.AsSpan(0, keep), $"…[truncated: the record has {size}]");
    }
}
