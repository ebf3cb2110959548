using System.Diagnostics;
using PatentNav.Core.Engine;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;
using PatentNav.Ingestion.Readers;

namespace PatentNav.Ingestion.Pipeline;

/// <summary>Options of one indexing run.</summary>
public sealed record IndexingOptions
{
    /// <summary>Records per durable commit: a killed run loses at most one batch, which a re-run redoes.</summary>
    public int BatchSize { get; init; } = 2000;
    public string? QuarantinePath { get; init; }
}

/// <summary>Progress reported after each committed batch.</summary>
public readonly record struct IndexingProgress(long Read, long Quarantined, long BytesRead, TimeSpan Elapsed);

/// <summary>
/// read → normalise → validate → merge → upsert, with a durable commit per batch. Bad records are quarantined
/// with their reason and original content; they never abort the run. With <paramref name="existing"/> (the index's own
/// records by identity), a record of a patent the index or the batch already holds is merged with it field by field
/// (<see cref="PatentRecordMerger"/>): several exports of the same patent add up instead of replacing each other.
/// </summary>
public sealed class IndexingPipeline(IPatentIndexWriter writer, Func<long> documentCount, PatentRecordBuilder builder, Func<string, PatentRecord?>? existing = null)
{
    public IndexingSummary Run(
        IEnumerable<SourceReadResult> source,
        IndexingOptions options,
        IProgress<IndexingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        var summary = new IndexingSummary { QuarantineFile = options.QuarantinePath };
        var clock = Stopwatch.StartNew();
        var batch = new List<PatentRecord>(options.BatchSize);
        // Position of each identity in the batch, so a second record of the same patent merges into the first.
        var batchIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        long bytesRead = 0;
        using var quarantine = options.QuarantinePath is null ? null : new QuarantineWriter(options.QuarantinePath);

        void Quarantine(SourceLocation location, string reason, string original)
        {
            summary.CountQuarantine(reason);
            quarantine?.Write(location, reason, original);
        }

        // The writer analyses and commits batch N on a background task while this loop reads and normalises batch N+1:
        // reading, normalising and mapping were a fifth of indexing time and left the writer threads idle (benchmarks/README.md).
        Task<UpsertResult>? inFlight = null;

        void CommitBatch()
        {
            // Quarantine entries reach disk before the commit that accounts for them.
            quarantine?.Flush();
            var records = batch;
            batch = new List<PatentRecord>(options.BatchSize);
            batchIndex.Clear();
            AwaitInFlight();
            // Not cancelled by the caller's token: a batch handed to the writer is finished and committed, never cut in half.
            inFlight = Task.Run(async () =>
            {
                // After the previous batch's commit, so its records are found here.
                var merged = existing is null ? records : [.. records.Select(r => existing(r.Id) is { } held ? PatentRecordMerger.Merge(held, r) : r)];
                var result = merged.Count > 0 ? await writer.UpsertAsync(merged).ConfigureAwait(false) : new UpsertResult(0, 0);
                await writer.CommitAsync(new Dictionary<string, string> { ["pipeline"] = "indexer" }).ConfigureAwait(false);
                return result;
            }, CancellationToken.None);
        }

        void AwaitInFlight()
        {
            if (inFlight is null)
            {
                return;
            }
            var task = inFlight;
            inFlight = null;
            var result = task.GetAwaiter().GetResult();
            summary.Added += result.Added;
            summary.Updated += result.Updated;
            summary.Batches++;
            progress?.Report(new IndexingProgress(summary.Read, summary.Quarantined, bytesRead, clock.Elapsed));
        }

        try
        {
            foreach (var item in source)
            {
                cancellationToken.ThrowIfCancellationRequested();
                summary.Read++;
                switch (item)
                {
                    case SourceReadResult.Unreadable(var unreadable):
                        bytesRead += Utf8Bytes(unreadable.OriginalText);
                        Quarantine(unreadable.Location, unreadable.Reason, unreadable.OriginalText);
                        break;
                    case SourceReadResult.Record(var record):
                        bytesRead += Utf8Bytes(record.OriginalText);
                        BuildOne(record);
                        break;
                }
                if (batch.Count >= options.BatchSize)
                {
                    CommitBatch();
                }
            }
            CommitBatch();
            AwaitInFlight();
        }
        finally
        {
            // Never return (or dispose the quarantine file) with a batch still being written: a stopped run ends at a commit.
            if (inFlight is not null)
            {
                try
                {
                    inFlight.GetAwaiter().GetResult();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The exception that stopped the run is the one to report.
                }
            }
        }

        summary.Documents = documentCount();
        summary.ElapsedSeconds = clock.Elapsed.TotalSeconds;
        return summary;

        // Progress is measured against file sizes, so count what the text occupied on disk (approximate for CSV/XLSX).
        static long Utf8Bytes(string text) => System.Text.Encoding.UTF8.GetByteCount(text) + 1;

        void BuildOne(SourceRecord record)
        {
            BuildOutcome outcome;
            try
            {
                outcome = builder.Build(record);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A normaliser bug must not lose the record or stop the run: quarantine it with the cause.
                Quarantine(record.Location, $"unparseable: {ex.GetType().Name}: {ex.Message}", record.OriginalText);
                return;
            }
            if (outcome.Record is not { } patent)
            {
                Quarantine(record.Location, outcome.QuarantineReason ?? "rejected", record.OriginalText);
                return;
            }
            if (patent.Issues.Any(i => !i.Code.StartsWith("repaired-", StringComparison.Ordinal)))
            {
                summary.Flagged++;
            }
            foreach (var issue in patent.Issues)
            {
                summary.CountIssue(issue.Code);
            }
            summary.Characters += (patent.Title?.Length ?? 0) + (patent.Abstract?.Length ?? 0)
                + (patent.Claims?.Length ?? 0) + (patent.Description?.Length ?? 0);
            if (existing is not null && batchIndex.TryGetValue(patent.Id, out var at))
            {
                // The same patent twice in one batch: one record, counted as added once and then updated.
                batch[at] = PatentRecordMerger.Merge(batch[at], patent);
                summary.Updated++;
                return;
            }
            batchIndex[patent.Id] = batch.Count;
            batch.Add(patent);
        }
    }
}
