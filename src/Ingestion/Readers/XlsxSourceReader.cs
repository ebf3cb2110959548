using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;

namespace PatentNav.Ingestion.Readers;

/// <summary>
/// Reads the first worksheet of an .xlsx export with OpenXml's SAX-style <see cref="OpenXmlReader"/>: rows are
/// loaded one at a time, never the sheet DOM. The first non-empty row is the header and maps through the same
/// alias table as CSV. Record locations are Excel row numbers. Numeric cells in date columns that are Excel serial
/// dates become <c>yyyy-MM-dd</c>; everything else is the cell's text as stored.
/// </summary>
public sealed class XlsxSourceReader(SourceReadDiagnostics? diagnostics = null) : IPatentSourceReader
{
    /// <summary>Serial 2958465 is 9999-12-31, the last date Excel can show.</summary>
    private const double MaxSerialDate = 2958465;

    /// <summary>
    /// An unformatted number in a date column is taken as a serial date from 10000 (1927-05-18) on: smaller numbers
    /// there are more likely years or codes, and 8-digit <c>20221202</c> values lie above the serial range anyway.
    /// </summary>
    private const double MinUnformattedSerialDate = 10000;

    public IEnumerable<SourceReadResult> Read(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadIterator(path, ct);
    }

    private IEnumerable<SourceReadResult> ReadIterator(string path, CancellationToken ct)
    {
        diagnostics?.FileOpened();
        var sheet = SheetSource.TryOpen(path, out var openError);
        if (sheet is null)
        {
            yield return Count(new UnreadableRecord(new SourceLocation(path, 1), "", $"not a readable .xlsx workbook: {openError}"));
            yield break;
        }
        using (sheet)
        {
            TabularColumns? columns = null;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var row = sheet.TryReadRow(out var rowError);
                if (rowError is not null)
                {
                    // The sheet XML is broken from here on: report where, keep what was read.
                    yield return Count(new UnreadableRecord(new SourceLocation(path, sheet.LastRowNumber + 1), "", $"corrupt worksheet XML: {rowError}"));
                    yield break;
                }
                if (row is null)
                {
                    yield break;
                }
                var rowNumber = row.RowIndex?.Value is { } index ? index : sheet.LastRowNumber + 1;
                sheet.LastRowNumber = rowNumber;
                var cells = sheet.Cells(row, columns);
                if (TabularColumns.IsBlank(cells))
                {
                    diagnostics?.BlankSkipped();
                }
                else if (columns is null)
                {
                    columns = new TabularColumns(cells, diagnostics);
                }
                else
                {
                    yield return Count(columns.ToRecord(new SourceLocation(path, rowNumber), cells));
                }
            }
        }
    }

    private SourceReadResult Count(SourceReadResult result) => diagnostics?.Count(result) ?? result;

    /// <summary>
    /// The first worksheet's rows of a workbook held in <paramref name="workbook"/> (an uploaded list), each with its row
    /// number and cell texts by column, blank rows left out; at most <paramref name="maxRows"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not a readable workbook, its sheet XML is broken, or it has more rows.</exception>
    public static IReadOnlyList<(long Row, string[] Cells)> ReadRows(Stream workbook, int maxRows)
    {
        var sheet = SheetSource.TryOpen(() => SpreadsheetDocument.Open(workbook, isEditable: false), out var openError)
            ?? throw new InvalidDataException($"not a readable .xlsx workbook: {openError}");
        using (sheet)
        {
            var rows = new List<(long, string[])>();
            while (true)
            {
                var row = sheet.TryReadRow(out var rowError);
                if (rowError is not null)
                {
                    throw new InvalidDataException($"corrupt worksheet XML after row {sheet.LastRowNumber}: {rowError}");
                }
                if (row is null)
                {
                    return rows;
                }
                var number = row.RowIndex?.Value is { } index ? index : sheet.LastRowNumber + 1;
                sheet.LastRowNumber = number;
                var cells = sheet.Cells(row, null);
                if (TabularColumns.IsBlank(cells))
                {
                    continue;
                }
                if (rows.Count == maxRows)
                {
                    throw new InvalidDataException($"more than {maxRows} rows");
                }
                rows.Add((number, cells));
            }
        }
    }

    /// <summary>The opened workbook, its first worksheet's reader, the shared strings and which styles are date formats.</summary>
    private sealed class SheetSource : IDisposable
    {
        private readonly SpreadsheetDocument _document;
        private readonly OpenXmlReader _reader;
        private readonly List<string> _sharedStrings;
        private readonly HashSet<uint> _dateStyles;
        private bool _started;

        private SheetSource(SpreadsheetDocument document, OpenXmlReader reader, List<string> sharedStrings, HashSet<uint> dateStyles)
        {
            _document = document;
            _reader = reader;
            _sharedStrings = sharedStrings;
            _dateStyles = dateStyles;
        }

        public long LastRowNumber { get; set; }

        public static SheetSource? TryOpen(string path, out string? error) => TryOpen(() => SpreadsheetDocument.Open(path, isEditable: false), out error);

        public static SheetSource? TryOpen(Func<SpreadsheetDocument> open, out string? error)
        {
            error = null;
            SpreadsheetDocument? document = null;
            try
            {
                document = open();
                var workbook = document.WorkbookPart ?? throw new InvalidDataException("it has no workbook part");
                // Tab order is the order of <sheet> elements; workbook.xml is small, so the DOM is fine here.
                var first = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()
                    ?? throw new InvalidDataException("it has no worksheet");
                if (first.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
                {
                    throw new InvalidDataException($"its first sheet '{first.Name}' is not a worksheet");
                }
                var source = new SheetSource(document, OpenXmlReader.Create(part), ReadSharedStrings(workbook.SharedStringTablePart), DateStyles(workbook.WorkbookStylesPart));
                document = null;
                return source;
            }
            // FileFormatException (a FormatException) is what System.IO.Packaging throws for a file that is not a zip.
            catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or XmlException or FormatException
                or ArgumentException or InvalidOperationException)
            {
                error = ex.Message;
                return null;
            }
            finally
            {
                document?.Dispose();
            }
        }

        /// <summary>The next row element, or null at the end of the sheet.</summary>
        public Row? TryReadRow(out string? error)
        {
            error = null;
            try
            {
                if (!_started)
                {
                    _started = true;
                    if (!_reader.Read())
                    {
                        return null;
                    }
                }
                while (!_reader.EOF)
                {
                    if (_reader.IsStartElement && _reader.ElementType == typeof(Row))
                    {
                        // Loads one row only and moves the reader past it.
                        return (Row)_reader.LoadCurrentElement()!;
                    }
                    if (!_reader.Read())
                    {
                        break;
                    }
                }
                return null;
            }
            catch (XmlException ex)
            {
                error = ex.Message;
                return null;
            }
        }

        /// <summary>The row's cell texts by column position; cells an export left out (empty) are empty strings.</summary>
        public string[] Cells(Row row, TabularColumns? columns)
        {
            var values = new List<(int Column, string Text)>();
            var next = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value) ?? next;
                next = column + 1;
                values.Add((column, CellText(cell, columns?.IsDateColumn(column) == true)));
            }
            var cells = new string[Math.Max(next, columns?.Count ?? 0)];
            Array.Fill(cells, "");
            foreach (var (column, text) in values)
            {
                cells[column] = text;
            }
            return cells;
        }

        private string CellText(Cell cell, bool dateColumn)
        {
            var raw = cell.CellValue?.Text ?? "";
            var type = cell.DataType?.Value;
            if (type == CellValues.SharedString)
            {
                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < _sharedStrings.Count ? _sharedStrings[i] : "";
            }
            if (type == CellValues.InlineString)
            {
                return cell.InlineString is { } inline ? StringItemText(inline) : raw;
            }
            if (type == CellValues.Boolean)
            {
                return raw == "1" ? "TRUE" : "FALSE";
            }
            if (type == CellValues.Date)
            {
                // ISO 8601 date cells (rare, strict-mode writers).
                return dateColumn && DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var iso)
                    ? iso.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : raw;
            }
            if (type is null || type == CellValues.Number)
            {
                var dateStyled = cell.StyleIndex?.Value is { } style && _dateStyles.Contains(style);
                if (dateColumn
                    && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
                    && serial >= (dateStyled ? 1 : MinUnformattedSerialDate) && serial <= MaxSerialDate)
                {
                    return DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }
            }
            return raw;
        }

        private static List<string> ReadSharedStrings(SharedStringTablePart? part)
        {
            var strings = new List<string>();
            if (part is null)
            {
                return strings;
            }
            using var reader = OpenXmlReader.Create(part);
            if (!reader.Read())
            {
                return strings;
            }
            while (!reader.EOF)
            {
                if (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
                {
                    strings.Add(StringItemText(reader.LoadCurrentElement()!));
                }
                else if (!reader.Read())
                {
                    break;
                }
            }
            return strings;
        }

        /// <summary>
        /// Text of a string item: plain <c>&lt;t&gt;</c> or rich-text runs. Phonetic runs (<c>rPh</c>, reading hints
        /// that CJK Excel adds) are skipped, which InnerText would wrongly include.
        /// </summary>
        private static string StringItemText(OpenXmlElement item)
        {
            var text = new StringBuilder();
            foreach (var child in item.ChildElements)
            {
                if (child is Text t)
                {
                    text.Append(t.Text);
                }
                else if (child is Run run)
                {
                    text.Append(run.Text?.Text);
                }
            }
            return text.ToString();
        }

        /// <summary>Style indexes whose number format shows a date, so a date cell is recognised however small its serial.</summary>
        private static HashSet<uint> DateStyles(WorkbookStylesPart? part)
        {
            var result = new HashSet<uint>();
            var stylesheet = part?.Stylesheet;
            if (stylesheet?.CellFormats is not { } formats)
            {
                return result;
            }
            var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
                .Where(f => f.NumberFormatId?.Value is not null)
                .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
            uint index = 0;
            foreach (var format in formats.Elements<CellFormat>())
            {
                var id = format.NumberFormatId?.Value ?? 0;
                if (custom.TryGetValue(id, out var code) ? IsDateFormatCode(code) : IsBuiltInDateFormat(id))
                {
                    result.Add(index);
                }
                index++;
            }
            return result;
        }

        /// <summary>Built-in date formats, including the CJK ones (27–36, 50–58) that Chinese Excel uses for 2022年12月2日.</summary>
        private static bool IsBuiltInDateFormat(uint id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

        private static bool IsDateFormatCode(string code)
        {
            var inQuote = false;
            var inBracket = false;
            foreach (var c in code)
            {
                if (c == '"')
                {
                    inQuote = !inQuote;
                }
                else if (!inQuote && c == '[')
                {
                    inBracket = true;
                }
                else if (!inQuote && c == ']')
                {
                    inBracket = false;
                }
                else if (!inQuote && !inBracket && c is 'y' or 'Y' or 'd' or 'D' or 'm' or 'M')
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Zero-based column of a cell reference such as <c>AB12</c>.</summary>
        private static int? ColumnIndex(string? reference)
        {
            if (string.IsNullOrEmpty(reference))
            {
                return null;
            }
            var column = 0;
            var letters = 0;
            foreach (var c in reference)
            {
                if (c is >= 'A' and <= 'Z')
                {
                    column = (column * 26) + (c - 'A' + 1);
                    letters++;
                }
                else
                {
                    break;
                }
            }
            return letters is > 0 and <= 3 ? column - 1 : null;
        }

        public void Dispose()
        {
            _reader.Dispose();
            _document.Dispose();
        }
    }
}
