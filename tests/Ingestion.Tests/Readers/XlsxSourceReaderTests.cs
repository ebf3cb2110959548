using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PatentNav.Core.Ingestion;
using PatentNav.Ingestion.Readers;
using Sylvan.Data.Csv;

namespace PatentNav.Ingestion.Tests.Readers;

public sealed class XlsxSourceReaderTests : IDisposable
{
    private readonly Scratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [SharedDataFact("formats/cnipa-export-sample.csv")]
    public void An_xlsx_of_the_CNIPA_sample_reads_to_the_same_fields_as_the_CSV_with_serial_dates_as_iso_dates()
    {
        var csvPath = TestData.Shared("formats/cnipa-export-sample.csv");
        var (header, rows) = ReadCsv(csvPath);
        var xlsx = _scratch.File("cnipa.xlsx");
        WriteWorkbook(xlsx, header, rows);

        var diagnostics = new SourceReadDiagnostics();
        var fromXlsx = TestData.ReadAll(new XlsxSourceReader(diagnostics), xlsx).Select(r => r.Record()).ToList();
        var fromCsv = TestData.ReadAll(new CsvSourceReader(), csvPath).Select(r => r.Record()).ToList();

        Assert.Equal(10, fromXlsx.Count);
        // Excel row numbers, including the gap the workbook leaves at row 7.
        Assert.Equal([2L, 3, 4, 5, 6, 8, 9, 10, 11, 12], fromXlsx.Select(r => r.Location.Line));
        for (var i = 0; i < fromCsv.Count; i++)
        {
            var expected = fromCsv[i].Fields.ToDictionary(f => f.Key, f => f.Value);
            // 申请日 is a date-formatted serial and 授权公告日 an unformatted one: both read as yyyy-MM-dd.
            expected[SourceFields.ApplicationDate] = [IsoDate(rows[i][1])];
            if (rows[i][3] != "0")
            {
                expected[SourceFields.GrantDate] = [IsoDate(rows[i][3])];
            }
            var actual = fromXlsx[i].Fields;
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
            foreach (var (field, values) in expected)
            {
                Assert.True(values.SequenceEqual(actual[field]), $"row {i + 1} {field}: [{string.Join("|", values)}] vs [{string.Join("|", actual[field])}]");
            }
        }

        Assert.Equal("2022-12-02", fromXlsx[0].Get(SourceFields.ApplicationDate));
        Assert.Equal("20230328", fromXlsx[0].Get(SourceFields.PublicationDate)); // a yyyyMMdd number is not a serial date
        Assert.Equal("0", fromXlsx[7].Get(SourceFields.GrantDate));
        using var original = JsonDocument.Parse(fromXlsx[0].OriginalText);
        Assert.Equal(61, original.RootElement.EnumerateObject().Count());
        Assert.Equal("1", original.RootElement.GetProperty("序号").GetString());
        Assert.Equal("", original.RootElement.GetProperty("优先权").GetString());
        Assert.Equal(37, diagnostics.IgnoredFields.Count);
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_is_one_unreadable_record()
    {
        var path = _scratch.Write("broken.xlsx", "this is not a zip file"u8.ToArray());

        var unreadable = Assert.Single(TestData.ReadAll(new XlsxSourceReader(), path)).Unreadable();

        Assert.StartsWith("not a readable .xlsx workbook", unreadable.Reason, StringComparison.Ordinal);
    }

    private static string IsoDate(string yyyymmdd) =>
        DateOnly.ParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (string[] Header, List<string[]> Rows) ReadCsv(string path)
    {
        using var csv = CsvDataReader.Create(path, new CsvDataReaderOptions { Delimiter = ',' });
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray());
        }
        return (header, rows);
    }

    /// <summary>
    /// Writes the rows the way Excel would store an export: text as shared strings (some as inline strings, one with
    /// a phonetic run and one as rich text), 序号 and the date columns as numbers, empty cells left out. A second
    /// worksheet comes first in part order but second in tab order, so only the tab order decides which sheet is read.
    /// </summary>
    private static void WriteWorkbook(string path, string[] header, List<string[]> rows)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
            new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));

        var decoy = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(decoy))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", "1")]);
            writer.WriteElement(new Cell { CellReference = "A1", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("公开号")) });
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        var shared = new List<OpenXmlElement>();
        var sheet = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheet))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, 1, header.Select((h, c) => TextCell(c, 1, h, shared)).ToList());
            for (var i = 0; i < rows.Count; i++)
            {
                var rowNumber = (uint)(i < 5 ? i + 2 : i + 3);
                var cells = new List<Cell>();
                for (var c = 0; c < header.Length; c++)
                {
                    var value = rows[i][c];
                    if (value.Length == 0)
                    {
                        continue;
                    }
                    cells.Add(header[c] switch
                    {
                        "申请日" => NumberCell(c, rowNumber, SerialDate(value), dateStyle: true),
                        "授权公告日" => NumberCell(c, rowNumber, value == "0" ? "0" : SerialDate(value), dateStyle: false),
                        "序号" or "公开日" => NumberCell(c, rowNumber, value, dateStyle: false),
                        "专利名称" when i == 0 => SharedCell(c, rowNumber, shared, new SharedStringItem(
                            new Text(value), new PhoneticRun(new Text("ルビ")) { BaseTextStartIndex = 0, EndingBaseIndex = 2 })),
                        "申请摘要" when i == 1 => SharedCell(c, rowNumber, shared, new SharedStringItem(
                            new Run(new Text(value[..10])), new Run(new RunProperties(new Bold()), new Text(value[10..]) { Space = SpaceProcessingModeValues.Preserve }))),
                        _ => TextCell(c, rowNumber, value, shared),
                    });
                }
                WriteRow(writer, rowNumber, cells);
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        var strings = workbook.AddNewPart<SharedStringTablePart>();
        using (var writer = OpenXmlWriter.Create(strings))
        {
            writer.WriteStartElement(new SharedStringTable());
            foreach (var item in shared)
            {
                writer.WriteElement(item);
            }
            writer.WriteEndElement();
        }

        workbook.Workbook = new Workbook(new Sheets(
            new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "专利列表" },
            new Sheet { Id = workbook.GetIdOfPart(decoy), SheetId = 2, Name = "说明" }));
    }

    private static void WriteRow(OpenXmlWriter writer, uint rowNumber, List<Cell> cells)
    {
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", rowNumber.ToString(CultureInfo.InvariantCulture))]);
        foreach (var cell in cells)
        {
            writer.WriteElement(cell);
        }
        writer.WriteEndElement();
    }

    /// <summary>Alternates shared and inline strings so both paths are read.</summary>
    private static Cell TextCell(int column, uint row, string text, List<OpenXmlElement> shared) =>
        column % 2 == 0
            ? SharedCell(column, row, shared, new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
            : new Cell
            {
                CellReference = Reference(column, row),
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
            };

    private static Cell SharedCell(int column, uint row, List<OpenXmlElement> shared, SharedStringItem item)
    {
        shared.Add(item);
        return new Cell
        {
            CellReference = Reference(column, row),
            DataType = CellValues.SharedString,
            CellValue = new CellValue((shared.Count - 1).ToString(CultureInfo.InvariantCulture)),
        };
    }

    private static Cell NumberCell(int column, uint row, string number, bool dateStyle) => new()
    {
        CellReference = Reference(column, row),
        CellValue = new CellValue(number),
        StyleIndex = dateStyle ? 1U : null,
    };

    private static string SerialDate(string yyyymmdd) =>
        (DateOnly.ParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture).DayNumber - new DateOnly(1899, 12, 30).DayNumber)
            .ToString(CultureInfo.InvariantCulture);

    private static string Reference(int column, uint row)
    {
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }
        return letters + row.ToString(CultureInfo.InvariantCulture);
    }
}
