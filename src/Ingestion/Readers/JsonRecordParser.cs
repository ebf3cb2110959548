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

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

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
            return new SourceRecord(location, text, MapMembers(root, diagnostics));
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

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> MapMembers(JsonElement root, SourceReadDiagnostics? diagnostics)
    {
        var collector = new FieldCollector();
        foreach (var member in root.EnumerateObject())
        {
            if (SourceFieldAliases.Find(member.Name) is not { } target)
            {
                diagnostics?.FieldIgnored(member.Name);
                continue;
            }
            if (member.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in member.Value.EnumerateArray())
                {
                    OfferScalar(collector, target, item);
                }
            }
            else
            {
                OfferScalar(collector, target, member.Value);
            }
        }
        return collector.ToFields();
    }

    /// <summary>Strings as they are, numbers in their source spelling (no float round trip), booleans as true/false, nested JSON as its text.</summary>
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
