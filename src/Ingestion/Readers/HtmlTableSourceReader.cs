using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;

namespace PatentNav.Ingestion.Readers;

/// <summary>
/// Reads the ".xls" files that patent databases (CNKI among them) write as an HTML table: the first row is the header,
/// each further row a record, mapped through the same header table as CSV and XLSX. A real Excel 97–2003 workbook (a
/// binary OLE file) is not read: it is reported as unreadable with what to do instead.
/// </summary>
public sealed class HtmlTableSourceReader(SourceReadDiagnostics? diagnostics = null) : IPatentSourceReader
{
    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public IEnumerable<SourceReadResult> Read(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadIterator(path, ct);
    }

    private IEnumerable<SourceReadResult> ReadIterator(string path, CancellationToken ct)
    {
        diagnostics?.FileOpened();
        var (document, problem) = Open(path);
        if (document is null)
        {
            yield return Count(new UnreadableRecord(new SourceLocation(path, 1), "", problem!));
            yield break;
        }
        using (document)
        {
            var table = document.QuerySelector("table");
            if (table is null)
            {
                yield return Count(new UnreadableRecord(new SourceLocation(path, 1), "", "an HTML file without a table"));
                yield break;
            }
            TabularColumns? columns = null;
            var line = 0;
            foreach (var row in table.QuerySelectorAll("tr"))
            {
                ct.ThrowIfCancellationRequested();
                line++;
                var cells = row.Children.Where(c => c.LocalName is "td" or "th").Select(CellText).ToList();
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
                    yield return Count(columns.ToRecord(new SourceLocation(path, line), cells));
                }
            }
        }
    }

    /// <summary>HTML collapses runs of white space when it renders a cell; so does this (CNKI pads inventor lists with dozens of spaces).</summary>
    private static string CellText(IElement cell) =>
        string.Join(' ', cell.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static (IDocument? Document, string? Problem) Open(string path)
    {
        byte[] head;
        try
        {
            using var probe = File.OpenRead(path);
            head = new byte[OleSignature.Length];
            head = head[..probe.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        }
        catch (IOException ex)
        {
            return (null, $"cannot read the file: {ex.Message}");
        }
        if (head.AsSpan().SequenceEqual(OleSignature))
        {
            return (null, "a binary Excel 97–2003 workbook (.xls) is not read: save it as .xlsx or CSV");
        }
        try
        {
            var bytes = File.ReadAllBytes(path);
            BlankCdataMarkers(bytes);
            // The parser detects the encoding from a BOM or the <meta charset> CNKI writes (UTF-8).
            return (new HtmlParser().ParseDocument(new MemoryStream(bytes, writable: false)), null);
        }
        catch (IOException ex)
        {
            return (null, $"cannot read the file: {ex.Message}");
        }
    }

    private static readonly byte[] CdataOpen = "<![CDATA["u8.ToArray();
    private static readonly byte[] CdataClose = "]]>"u8.ToArray();

    /// <summary>
    /// CNKI writes formulae in claims as MathML cut off mid-way (<c>&lt;math&gt;&lt;![CDATA[&lt;mrow&gt;…</c> with no
    /// <c>]]&gt;</c>). Inside MathML an HTML parser honours CDATA, so one such cell swallowed every later row of its file
    /// (1,364 of 43,072 rows). The markers are blanked in place (same length, ASCII in any encoding CNKI uses), which
    /// leaves the formula's text in its cell and the parser's encoding detection untouched.
    /// </summary>
    internal static void BlankCdataMarkers(Span<byte> html)
    {
        foreach (var marker in (ReadOnlySpan<byte[]>)[CdataOpen, CdataClose])
        {
            var rest = html;
            int at;
            while ((at = rest.IndexOf(marker)) >= 0)
            {
                rest.Slice(at, marker.Length).Fill((byte)' ');
                rest = rest[(at + marker.Length)..];
            }
        }
    }

    private SourceReadResult Count(SourceReadResult result) => diagnostics?.Count(result) ?? result;
}
