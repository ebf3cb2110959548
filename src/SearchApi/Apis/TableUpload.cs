using System.Buffers;

namespace PatentNav.SearchApi.Apis;

/// <summary>
/// A list a user uploads as the request body (an inspector's markings, a company's patent list): a CSV read with Sylvan,
/// or an .xlsx workbook (its first sheet) read with the ingestion's OpenXML reader, told apart by the zip signature.
/// </summary>
internal static class TableUpload
{
    /// <summary>A workbook is read into memory to be opened (a zip's directory is at its end); lists are small.</summary>
    public const int MaxWorkbookBytes = 8 * 1024 * 1024;

    /// <summary>
    /// The parts of a workbook together, as their zip directory declares them unpacked: a few megabytes of zeros deflate
    /// to kilobytes, and the reader loads one row at a time, so one giant row must be refused before it is read.
    /// </summary>
    public const long MaxUnpackedBytes = 64L * 1024 * 1024;

    private const int MaxWorkbookRows = 100_000;

    /// <summary>
    /// Each row's 1-based number, its first two cells trimmed (empty when the row has fewer), and where it is for an error
    /// message (<c>csv row 3</c>, <c>xlsx row 3</c>).
    /// </summary>
    public static async IAsyncEnumerable<(int Row, string First, string Second, string Where)> RowsAsync(HttpRequest request,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The first bytes are looked at without being consumed, so either reader gets the whole body.
        var pipe = request.BodyReader;
        var head = await pipe.ReadAtLeastAsync(4, cancellationToken);
        var isWorkbook = head.Buffer.Length >= 4 && head.Buffer.Slice(0, 4).ToArray() is [0x50, 0x4B, 0x03, 0x04];
        pipe.AdvanceTo(head.Buffer.Start);
        var body = pipe.AsStream();
        // "PK\x03\x04": a zip, so a workbook; anything else is read as UTF-8 CSV.
        if (isWorkbook)
        {
            foreach (var row in await WorkbookRowsAsync(body, cancellationToken))
            {
                yield return row;
            }
            yield break;
        }
        using var text = new StreamReader(body, System.Text.Encoding.UTF8);
        await using var csv = await Sylvan.Data.Csv.CsvDataReader.CreateAsync(text, new Sylvan.Data.Csv.CsvDataReaderOptions { HasHeaders = false }, cancellationToken);
        var number = 0;
        while (await csv.ReadAsync(cancellationToken))
        {
            number++;
            yield return (number, csv.FieldCount > 0 ? csv.GetString(0).Trim() : "", csv.FieldCount > 1 ? csv.GetString(1).Trim() : "", $"csv row {number}");
        }
    }

    private static async Task<List<(int, string, string, string)>> WorkbookRowsAsync(Stream rest, CancellationToken cancellationToken)
    {
        using var workbook = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = await rest.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (workbook.Length + n > MaxWorkbookBytes)
            {
                throw new RequestValidationException("xlsx", $"The workbook is larger than {MaxWorkbookBytes / (1024 * 1024)} MB; upload the list as CSV.", $"工作簿超过 {MaxWorkbookBytes / (1024 * 1024)} MB，请改传 CSV");
            }
            workbook.Write(buffer, 0, n);
        }
        workbook.Position = 0;
        try
        {
            using (var zip = new System.IO.Compression.ZipArchive(workbook, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true))
            {
                if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
                {
                    throw new RequestValidationException("xlsx", $"The workbook unpacks to more than {MaxUnpackedBytes / (1024 * 1024)} MB; upload the list as CSV.", $"工作簿解压后超过 {MaxUnpackedBytes / (1024 * 1024)} MB，请改传 CSV");
                }
            }
            workbook.Position = 0;
            return [.. PatentNav.Ingestion.Readers.XlsxSourceReader.ReadRows(workbook, MaxWorkbookRows)
                .Select(r => ((int)r.Row, r.Cells.Length > 0 ? r.Cells[0].Trim() : "", r.Cells.Length > 1 ? r.Cells[1].Trim() : "", $"xlsx row {r.Row}"))];
        }
        catch (InvalidDataException ex)
        {
            throw new RequestValidationException("xlsx", $"The workbook cannot be read: {ex.Message}.", "无法读取该工作簿（.xlsx）");
        }
    }
}
