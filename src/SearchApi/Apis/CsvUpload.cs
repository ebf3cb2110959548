namespace PatentNav.SearchApi.Apis;

/// <summary>A CSV a user uploads as the request body (an inspector's markings, a company's patent list), read with Sylvan.</summary>
internal static class CsvUpload
{
    /// <summary>Each row's 1-based number and its first two cells, trimmed (empty when the row has fewer).</summary>
    public static async IAsyncEnumerable<(int Row, string First, string Second)> RowsAsync(HttpRequest request,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        await using var csv = await Sylvan.Data.Csv.CsvDataReader.CreateAsync(text, new Sylvan.Data.Csv.CsvDataReaderOptions { HasHeaders = false }, cancellationToken);
        var row = 0;
        while (await csv.ReadAsync(cancellationToken))
        {
            row++;
            yield return (row, csv.FieldCount > 0 ? csv.GetString(0).Trim() : "", csv.FieldCount > 1 ? csv.GetString(1).Trim() : "");
        }
    }
}
