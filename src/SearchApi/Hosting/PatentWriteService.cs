using System.Text.Json;
using PatentNav.Core.Engine;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;
using PatentNav.Core.Regions;
using PatentNav.Ingestion.Readers;
using PatentNav.SearchApi.Apis;

namespace PatentNav.SearchApi.Hosting;

/// <summary>Upserts and deletes through the same reader mapping and record builder as the indexer, committed at once.</summary>
public sealed class PatentWriteService(IPatentIndexWriter writer) : IDisposable
{
    public const int MaxRecordsPerRequest = 500;

    private readonly PatentRecordBuilder _builder = new(RegionResolver.Default);
    // One writer at a time: each request's batch is committed before the next one starts.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<UpsertResponse> UpsertAsync(IReadOnlyList<JsonElement> items)
    {
        if (items.Count > MaxRecordsPerRequest)
        {
            throw new RequestValidationException("records", $"At most {MaxRecordsPerRequest} records per request.", $"每次最多 {MaxRecordsPerRequest} 条记录");
        }
        var records = new List<PatentRecord>(items.Count);
        var rejected = new List<RejectedRecord>();
        for (var i = 0; i < items.Count; i++)
        {
            var location = new SourceLocation("api", i + 1);
            var parsed = SourceReaders.ParseJsonRecord(JsonSerializer.SerializeToUtf8Bytes(items[i]), location);
            if (parsed is not SourceReadResult.Record(var source))
            {
                rejected.Add(new RejectedRecord(i, ((SourceReadResult.Unreadable)parsed).Value.Reason));
                continue;
            }
            var outcome = _builder.Build(source);
            if (outcome.Record is { } record)
            {
                records.Add(record);
            }
            else
            {
                rejected.Add(new RejectedRecord(i, outcome.QuarantineReason ?? "rejected"));
            }
        }
        UpsertResult result;
        // Not the request's token: a write that has begun is finished and committed even if the client goes away.
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            result = await writer.UpsertAsync(records, CancellationToken.None);
            await writer.CommitAsync(new Dictionary<string, string> { ["pipeline"] = "api" }, CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
        return new UpsertResponse(items.Count, result.Added, result.Updated, rejected);
    }

    public async Task<DeleteResult> DeleteAsync(string number)
    {
        var id = RecordIdentity.FromUserInput(number);
        int deleted;
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            deleted = await writer.DeleteAsync([id], CancellationToken.None);
            await writer.CommitAsync(new Dictionary<string, string> { ["pipeline"] = "api" }, CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
        return new DeleteResult(id, deleted);
    }

    public void Dispose() => _gate.Dispose();
}
