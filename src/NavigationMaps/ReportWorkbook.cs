using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PatentNav.NavigationMaps;

/// <summary>One sheet of a workbook: a header row, then rows of text or numbers.</summary>
public sealed record ReportTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// Writes tables as an XLSX workbook (OpenXml), one sheet per table: numbers as numbers, so an analyst can sum and chart
/// them; text as inline strings, so publication numbers and dates are never reinterpreted by Excel.
/// </summary>
public static class ReportWorkbook
{
    /// <summary>Excel's limit on a sheet name, and the characters it refuses in one.</summary>
    private const int MaxSheetName = 31;

    public static byte[] Write(IReadOnlyList<ReportTable> tables)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = new Sheets();
            uint id = 1;
            foreach (var table in tables)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.Append(Row(table.Columns));
                foreach (var row in table.Rows)
                {
                    data.Append(Row(row));
                }
                part.Worksheet = new Worksheet(data);
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = SheetName(table.Name) });
            }
            workbook.Workbook.AppendChild(sheets);
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row Row(IEnumerable<object?> values)
    {
        var row = new Row();
        foreach (var value in values)
        {
            row.Append(value switch
            {
                long or int or double => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)) },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Clean(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "")) { Space = SpaceProcessingModeValues.Preserve }) },
            });
        }
        return row;
    }

    private static string SheetName(string name)
    {
        var clean = new string([.. name.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]);
        return clean.Length > MaxSheetName ? clean[..MaxSheetName] : clean;
    }

    // XML 1.0 cannot carry most control characters; drop them rather than fail the whole workbook.
    private static string Clean(string value) =>
        value.Any(c => c < 0x20 && c is not ('\t' or '\n' or '\r')) ? new string([.. value.Where(c => c >= 0x20 || c is '\t' or '\n' or '\r')]) : value;
}
