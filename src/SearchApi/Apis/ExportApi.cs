using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Apis;

/// <summary>Body of <c>POST /api/v1/export/xlsx</c>: the result list as the page shows it, header row first.</summary>
public sealed record ExportBody
{
    public required IReadOnlyList<string?> Columns { get; init; }
    public required IReadOnlyList<IReadOnlyList<string?>?> Rows { get; init; }
}

/// <summary>XLSX export of a result list; CSV is written by the page itself, XLSX needs a zip container so the server builds it.</summary>
public static class ExportApi
{
    public const int MaxRows = 1000;
    public const int MaxColumns = 50;
    /// <summary>Characters Excel keeps in one cell.</summary>
    public const int MaxCellChars = 32_767;
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/export/xlsx", (ExportBody body) =>
                Validate(body) is { } problem
                    ? problem
                    : Results.File(Xlsx(body), XlsxContentType, "patentnav-results.xlsx"))
            .WithHeavyWorkLimit()
            .WithTags("export")
            .WithName("ExportXlsx")
            .WithSummary("The given result rows as an XLSX workbook (one sheet, header row first).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>The sheet must be a table: at most as many cells per row as there are columns, and cells Excel can hold.</summary>
    private static IResult? Validate(ExportBody body)
    {
        string? Invalid()
        {
            if (body.Columns.Count is 0 or > MaxColumns)
            {
                return $"columns: 1 to {MaxColumns} columns.";
            }
            if (body.Rows.Count > MaxRows)
            {
                return $"rows: at most {MaxRows} rows.";
            }
            for (var c = 0; c < body.Columns.Count; c++)
            {
                if (body.Columns[c] is not { Length: <= MaxCellChars })
                {
                    return $"columns[{c}]: a column name is a string of at most {MaxCellChars} characters.";
                }
            }
            for (var r = 0; r < body.Rows.Count; r++)
            {
                var row = body.Rows[r];
                if (row is null || row.Count > body.Columns.Count)
                {
                    return $"rows[{r}]: a row has at most as many cells as there are columns ({body.Columns.Count}).";
                }
                for (var c = 0; c < row.Count; c++)
                {
                    if (row[c] is { Length: > MaxCellChars })
                    {
                        return $"rows[{r}][{c}]: a cell holds at most {MaxCellChars} characters (Excel's limit).";
                    }
                }
            }
            return null;
        }

        return Invalid() is { } detail
            ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid export / 导出内容无效", detail: detail,
                extensions: new Dictionary<string, object?> { ["member"] = detail[..detail.IndexOf(':', StringComparison.Ordinal)] })
            : null;
    }

    public static byte[] Xlsx(ExportBody body) => NavigationMaps.ReportWorkbook.Write(
        [new NavigationMaps.ReportTable("检索结果", [.. body.Columns.Select(c => c ?? "")], [.. body.Rows.Select(r => (IReadOnlyList<object?>)[.. (r ?? []).Cast<object?>()])])]);
}
