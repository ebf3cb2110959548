using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using PatentNav.Core.Analysis;

namespace PatentNav.Core.Text;

/// <summary>
/// Character-level normalisation of Chinese patent text, applied to every record at index time and to query text, so
/// both sides meet in one form: half-width ASCII, simplified characters, collapsed whitespace.
/// Each method returns the same string instance when it has nothing to change.
/// </summary>
public static class ChineseText
{
    /// <summary>
    /// Full-width forms left as they are. They are Chinese punctuation proper, not wide ASCII: the claim parser splits
    /// at ；/：, sentence logic reads ！？, and （） are the brackets Chinese text uses around figure numerals and notes.
    /// Folding them would merge them with ASCII punctuation that means something else in formulas and codes.
    /// </summary>
    private const string KeptFullWidth = "！（），：；？";

    private const char IdeographicSpace = '\u3000';
    private const int FullWidthOffset = 0xFF01 - '!';

    /// <summary>The characters <see cref="ToHalfWidth"/> changes, searched vectorised so clean text costs one scan.</summary>
    private static readonly SearchValues<char> WideForms = SearchValues.Create(WideFormChars());

    /// <summary>
    /// Folds full-width ASCII forms (U+FF01–U+FF5E: ＡＢＣ, １２３, ．, ／, ％) to ASCII and the ideographic space U+3000
    /// to a space, except the Chinese punctuation ！（），：；？ which stays full-width (see <see cref="KeptFullWidth"/>).
    /// 。、《》 and other CJK punctuation lie outside the range and are untouched.
    /// </summary>
    public static string ToHalfWidth(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAny(WideForms);
        if (first < 0)
        {
            return text;
        }
        return string.Create(text.Length, (text, first), static (span, state) =>
        {
            var (source, start) = state;
            source.AsSpan().CopyTo(span);
            for (var i = start; i < span.Length; i++)
            {
                var c = span[i];
                if (c == IdeographicSpace)
                {
                    span[i] = ' ';
                }
                else if (c is >= '\uFF01' and <= '\uFF5E' && !KeptFullWidth.Contains(c, StringComparison.Ordinal))
                {
                    span[i] = (char)(c - FullWidthOffset);
                }
            }
        });
    }

    /// <summary>
    /// Traditional → simplified with OpenCC's t2s dictionaries: at each position the longest phrase of TSPhrases wins
    /// (鉸鍊 → 铰链, not 铰炼; 乾坤 stays), otherwise the character is looked up in TSCharacters.
    /// </summary>
    public static string ToSimplified(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TraditionalToSimplified.Instance.Convert(text);
    }

    /// <summary>
    /// <see cref="ToHalfWidth"/>, then <see cref="ToSimplified"/>, then whitespace: a run of spaces/tabs becomes one
    /// space, a run containing a line break becomes one <c>\n</c> (line breaks separate claims and paragraphs in
    /// source text), and the ends are trimmed.
    /// </summary>
    public static string Normalize(string text) => CollapseWhitespace(ToSimplified(ToHalfWidth(text)));

    internal static string CollapseWhitespace(string text)
    {
        if (!NeedsWhitespaceFix(text))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                builder.Append(text[i++]);
                continue;
            }
            var lineBreak = false;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                lineBreak |= IsLineBreak(text[i++]);
            }
            // Runs at either end are dropped (trim).
            if (builder.Length > 0 && i < text.Length)
            {
                builder.Append(lineBreak ? '\n' : ' ');
            }
        }
        return builder.ToString();
    }

    /// <summary>True when the text has whitespace other than single spaces and single <c>\n</c> between words.</summary>
    private static bool NeedsWhitespaceFix(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return true;
        }
        var previousWasSpace = false;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                previousWasSpace = false;
                continue;
            }
            if (previousWasSpace || (c != ' ' && c != '\n'))
            {
                return true;
            }
            previousWasSpace = true;
        }
        return false;
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

    private static string WideFormChars()
    {
        var chars = new StringBuilder().Append(IdeographicSpace);
        for (var c = '\uFF01'; c <= '\uFF5E'; c++)
        {
            if (!KeptFullWidth.Contains(c, StringComparison.Ordinal))
            {
                chars.Append(c);
            }
        }
        return chars.ToString();
    }

    /// <summary>OpenCC t2s: TSPhrases by longest match, then TSCharacters; loaded once on first use.</summary>
    private sealed class TraditionalToSimplified
    {
        private static readonly Lazy<TraditionalToSimplified> LazyInstance = new(Load);

        private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> phrases;

        /// <summary>Per first character, a bit per phrase length (in UTF-16 units) that occurs, so a lookup is only tried where a phrase can be.</summary>
        private readonly FrozenDictionary<char, uint> phraseLengths;

        private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> characters;

        /// <summary>Every character a dictionary key can start with (high surrogates for keys beyond the BMP).</summary>
        private readonly SearchValues<char> keyStarts;

        private TraditionalToSimplified(Dictionary<string, string> phraseMap, Dictionary<string, string> characterMap)
        {
            phrases = phraseMap.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
            characters = characterMap.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
            var lengths = new Dictionary<char, uint>();
            foreach (var key in phraseMap.Keys)
            {
                lengths[key[0]] = lengths.GetValueOrDefault(key[0]) | (1u << key.Length);
            }
            phraseLengths = lengths.ToFrozenDictionary();
            keyStarts = SearchValues.Create([.. lengths.Keys.Concat(characterMap.Keys.Select(k => k[0])).Distinct()]);
        }

        public static TraditionalToSimplified Instance => LazyInstance.Value;

        public string Convert(string text)
        {
            var source = text.AsSpan();
            var next = source.IndexOfAny(keyStarts);
            if (next < 0)
            {
                return text;
            }
            // Allocated at the first real change; text[..copied] is already in it.
            StringBuilder? builder = null;
            var copied = 0;
            var i = next;
            while (true)
            {
                var length = Match(source, i, out var replacement);
                if (length > 0 && !source.Slice(i, length).SequenceEqual(replacement))
                {
                    builder ??= new StringBuilder(text.Length);
                    builder.Append(source[copied..i]).Append(replacement);
                    copied = i + length;
                }
                i += Math.Max(length, 1);
                next = i < source.Length ? source[i..].IndexOfAny(keyStarts) : -1;
                if (next < 0)
                {
                    break;
                }
                i += next;
            }
            if (builder is null)
            {
                return text;
            }
            return builder.Append(source[copied..]).ToString();
        }

        /// <summary>The length of the key matched at <paramref name="start"/> (0 for none) and its simplified form.</summary>
        private int Match(ReadOnlySpan<char> text, int start, out string replacement)
        {
            if (phraseLengths.TryGetValue(text[start], out var lengths))
            {
                // Longest first: clear bits above what is left of the text, then walk down the set bits.
                var remaining = text.Length - start;
                if (remaining < 31)
                {
                    lengths &= (2u << remaining) - 1;
                }
                while (lengths != 0)
                {
                    var length = 31 - System.Numerics.BitOperations.LeadingZeroCount(lengths);
                    if (phrases.TryGetValue(text.Slice(start, length), out var phrase))
                    {
                        replacement = phrase;
                        return length;
                    }
                    lengths &= ~(1u << length);
                }
            }
            var characterLength = char.IsHighSurrogate(text[start]) && start + 1 < text.Length && char.IsLowSurrogate(text[start + 1]) ? 2 : 1;
            if (characters.TryGetValue(text.Slice(start, characterLength), out var character))
            {
                replacement = character;
                return characterLength;
            }
            replacement = "";
            return 0;
        }

        private static TraditionalToSimplified Load() =>
            new(ReadDictionary("opencc/TSPhrases.txt"), ReadDictionary("opencc/TSCharacters.txt"));

        /// <summary>Reads OpenCC's text export: <c>traditional\tsimplified[ alternative…]</c>; the first candidate is OpenCC's choice.</summary>
        private static Dictionary<string, string> ReadDictionary(string resource)
        {
            using var reader = new StreamReader(PatentAnalysis.OpenResource(resource), Encoding.UTF8);
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.ReadLine() is { } line)
            {
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (tab <= 0)
                {
                    continue;
                }
                var values = line.AsSpan(tab + 1);
                var space = values.IndexOf(' ');
                var key = line[..tab];
                if (key.Length > 30)
                {
                    throw new InvalidOperationException($"OpenCC key {key} is longer than the phrase-length bit mask allows.");
                }
                map[key] = (space < 0 ? values : values[..space]).ToString();
            }
            if (map.Count == 0)
            {
                throw new InvalidOperationException($"OpenCC dictionary {resource} is empty.");
            }
            return map;
        }
    }
}
