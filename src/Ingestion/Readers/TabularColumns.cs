using System.Text.Encodings.Web;
using System.Text.Json;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;

namespace PatentNav.Ingestion.Readers;

/// <summary>
/// The header of a tabular source (CSV, TSV, XLSX) and how its columns map to canonical fields; turns a row of
/// cells into a record. CSV and XLSX share it so a header means the same thing in both.
/// </summary>
internal sealed class TabularColumns
{
    private static readonly JsonWriterOptions OriginalJson = new()
    {
        // Chinese stays readable in quarantine instead of becoming \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly string[] _names;
    private readonly FieldTarget?[] _targets;

    public TabularColumns(IReadOnlyList<string> headers, SourceReadDiagnostics? diagnostics)
    {
        _names = new string[headers.Count];
        _targets = new FieldTarget?[headers.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            _targets[i] = SourceFieldAliases.Find(header);
            if (_targets[i] is null && !string.IsNullOrWhiteSpace(header))
            {
                diagnostics?.FieldIgnored(header.Trim().TrimStart('\uFEFF'));
            }
            // Unique names keep every cell in the original-text object even when an export repeats a header.
            var name = string.IsNullOrWhiteSpace(header) ? $"column {i + 1}" : header.TrimStart('\uFEFF');
            var unique = name;
            for (var n = 2; !seen.Add(unique); n++)
            {
                unique = $"{name} ({n})";
            }
            _names[i] = unique;
        }
    }

    public int Count => _names.Length;

    /// <summary>The canonical field of a column, or null for an ignored or extra column.</summary>
    public string? FieldOf(int column) => column < _targets.Length ? _targets[column]?.Field : null;

    public bool IsDateColumn(int column) => FieldOf(column) is { } field && SourceFieldAliases.IsDate(field);

    public static bool IsBlank(IReadOnlyList<string> cells) => cells.All(string.IsNullOrWhiteSpace);

    /// <summary>
    /// The record of one data row. A row shorter than the header reads as if its missing cells were empty;
    /// cells beyond the header are kept in the original text only.
    /// </summary>
    public SourceRecord ToRecord(SourceLocation location, IReadOnlyList<string> cells)
    {
        var collector = new FieldCollector();
        for (var i = 0; i < cells.Count && i < _targets.Length; i++)
        {
            if (_targets[i] is { } target)
            {
                collector.Offer(target, cells[i]);
            }
        }
        return new SourceRecord(location, ToOriginalText(cells), collector.ToFields());
    }

    /// <summary>The row as a JSON object of header → cell, so quarantine keeps every column, mapped or not.</summary>
    public string ToOriginalText(IReadOnlyList<string> cells)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, OriginalJson))
        {
            json.WriteStartObject();
            for (var i = 0; i < Math.Max(cells.Count, _names.Length); i++)
            {
                json.WriteString(i < _names.Length ? _names[i] : $"column {i + 1}", i < cells.Count ? cells[i] : "");
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
