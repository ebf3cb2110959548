using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PatentNav.Core.Analysis;
using PatentNav.Core.Engine;
using PatentNav.Core.Model;
using PatentNav.Engine.Lucene.Indexing;
using PatentNav.Engine.Lucene.Search;
using PatentNav.Engine.Lucene.Storage;

namespace PatentNav.Engine.Lucene;

/// <summary>Options of the embedded index.</summary>
public sealed record LuceneIndexOptions
{
    /// <summary>RAM the writer buffers before flushing a segment.</summary>
    public double RamBufferMb { get; init; } = 128;
    /// <summary>Open without a writer: no lock is taken and writes throw.</summary>
    public bool ReadOnly { get; init; }
    /// <summary>Threads that analyse and write one upsert batch; analysis dominates indexing, so this scales it.</summary>
    public int IndexingThreads { get; init; } = Environment.ProcessorCount;
    /// <summary>
    /// Threads one search may score its segments on (1: sequential). Novelty's OR query of a few hundred clauses is
    /// latency-bound on one core; a slice per core divides it, with the same hits in the same order.
    /// </summary>
    public int SearchThreads { get; init; } = Environment.ProcessorCount;
    /// <summary>
    /// Ranking similarity of searches (and of the norms the writer stores). BM25 with Elasticsearch's defaults, so both
    /// engines rank alike; Lucene 4.8 encodes BM25 and classic norms identically, so an index built with one opens with the other.
    /// </summary>
    public Similarity Similarity { get; init; } = new BM25Similarity();
}

/// <summary>
/// The embedded Lucene.Net engine: one <see cref="IndexWriter"/>, one <see cref="SearcherManager"/>, index files read
/// through <see cref="MappedFileDirectory"/> (Lucene.Net's NIOFS and MMap directories dominated query profiles).
/// Every batch is committed durably, so a killed process leaves the last commit intact.
/// </summary>
/// <remarks>
/// Lucene.Net is synchronous: the synchronous members do the work and the async contract members complete on the
/// calling thread (a search is CPU work; a thread hop would only add latency). Cancellation still stops a search
/// between documents.
/// </remarks>
public sealed class LucenePatentIndex : IPatentIndexWriter, IPatentSearcher, IPatentIndexAdmin
{
    /// <summary>
    /// Version of the document layout (fields, doc values). It is part of every content hash, so a record written by an
    /// older layout is rewritten when it is upserted again instead of being skipped as unchanged. Bump it with every
    /// field a search or a map relies on (3: applicant kinds, inventors and academic applicants as doc values).
    /// </summary>
    public const int DocumentLayoutVersion = 3;

    private readonly global::Lucene.Net.Store.Directory _directory;
    private readonly Analyzer _analyzer;
    private readonly IndexWriter? _writer;
    private readonly IndexWriterLock? _processLock;
    private readonly SearcherManager _searchers;
    private readonly Search.AggregationFilterCache _aggregationFilters = new();
    private readonly LuceneQueryCompiler _compiler;
    private readonly System.Threading.Lock _writeLock = new();
    // Ids written since the searcher last refreshed, so existence checks see uncommitted writes of this batch.
    private readonly HashSet<string> _pendingIds = new(StringComparer.Ordinal);
    private readonly int _indexingThreads;
    private readonly int _searchThreads;
    private bool _disposed;

    private LucenePatentIndex(string path, LuceneIndexOptions options)
    {
        PatentAnalysis.Warm();
        IndexPath = path;
        _indexingThreads = options.IndexingThreads;
        _searchThreads = Math.Max(1, options.SearchThreads);
        System.IO.Directory.CreateDirectory(path);
        _directory = new MappedFileDirectory(new DirectoryInfo(path));
        _analyzer = CreateAnalyzer();
        _compiler = new LuceneQueryCompiler(_analyzer);
        if (options.ReadOnly)
        {
            _searchers = new SearcherManager(_directory, new SimilaritySearcherFactory(options.Similarity));
            return;
        }
        // Before Lucene touches a file: a second process must leave the index exactly as the first one has it.
        _processLock = AcquireProcessLock(path, _analyzer, _directory);
        try
        {
            var config = new IndexWriterConfig(PatentAnalysis.Version, _analyzer)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                RAMBufferSizeMB = options.RamBufferMb,
                Similarity = options.Similarity,
            };
            _writer = new IndexWriter(_directory, config);
            if (!DirectoryReader.IndexExists(_directory))
            {
                // A fresh directory gets an empty first commit so readers can open it.
                _writer.Commit();
            }
            _searchers = new SearcherManager(_writer, applyAllDeletes: true, new SimilaritySearcherFactory(options.Similarity));
        }
        catch
        {
            _writer?.Dispose();
            _processLock.Dispose();
            _analyzer.Dispose();
            _directory.Dispose();
            throw;
        }
    }

    private static IndexWriterLock AcquireProcessLock(string path, Analyzer analyzer, global::Lucene.Net.Store.Directory directory)
    {
        try
        {
            return IndexWriterLock.Acquire(path);
        }
        catch
        {
            analyzer.Dispose();
            directory.Dispose();
            throw;
        }
    }

    public string EngineName => "lucene";

    public string IndexPath { get; }

    /// <summary>Opens (creating if needed) the index at <paramref name="path"/>. Throws <see cref="LockObtainFailedException"/> when another writer holds it.</summary>
    public static LucenePatentIndex Open(string path, LuceneIndexOptions? options = null) => new(path, options ?? new LuceneIndexOptions());

    /// <summary>The per-field analyzer: SmartCn words on text fields, CJK bigrams on their <c>.bg</c> sub-fields, keywords untouched.</summary>
    public static Analyzer CreateAnalyzer()
    {
        var words = PatentAnalysis.CreateWordAnalyzer();
        var bigrams = PatentAnalysis.CreateBigramAnalyzer();
        var perField = new Dictionary<string, Analyzer>(StringComparer.Ordinal);
        foreach (var field in LuceneFields.TextFields)
        {
            perField[field] = words;
            perField[LuceneFields.Bigram(field)] = bigrams;
        }
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField);
    }

    public long DocumentCount
    {
        get
        {
            using var lease = AcquireSearcher();
            return lease.Searcher.IndexReader.NumDocs;
        }
    }

    public UpsertResult Upsert(IReadOnlyList<PatentRecord> records)
    {
        var writer = RequireWriter();
        int added = 0, updated = 0;
        lock (_writeLock)
        {
            using var lease = AcquireSearcher();
            var reader = lease.Searcher.IndexReader;
            var mapped = MapConcurrently(records);
            // Last occurrence per id: an id repeated in one batch is written once, with its final content.
            var writes = new Dictionary<string, Document>(StringComparer.Ordinal);
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                var (doc, hash) = mapped[i];
                var seen = writes.ContainsKey(record.Id) || _pendingIds.Contains(record.Id);
                var exists = seen || HasLiveTerm(reader, LuceneFields.Id, record.Id);
                if (exists)
                {
                    updated++;
                    // Identical content already committed: nothing to rewrite, which makes a re-run cheap.
                    if (!seen && HasLiveTerm(reader, LuceneFields.ContentHash, hash))
                    {
                        continue;
                    }
                }
                else
                {
                    added++;
                }
                writes[record.Id] = doc;
            }
            WriteConcurrently(writer, [.. writes]);
            foreach (var id in writes.Keys)
            {
                _pendingIds.Add(id);
            }
        }
        return new UpsertResult(added, updated);
    }

    /// <summary>Lucene documents and content hashes (stored JSON serialisation), mapped on the writer threads.</summary>
    private (Document Doc, string Hash)[] MapConcurrently(IReadOnlyList<PatentRecord> records)
    {
        var mapped = new (Document Doc, string Hash)[records.Count];
        Parallel.For(0, records.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _indexingThreads) }, i =>
        {
            var doc = PatentDocumentMapper.ToDocument(records[i], out var hash);
            mapped[i] = (doc, hash);
        });
        return mapped;
    }

    /// <summary>
    /// Analysis is three quarters of indexing time (SmartCn and bigrams, 100k profile in benchmarks/README.md), and
    /// IndexWriter analyses concurrently with one segment buffer per thread. Small chunks handed out on demand keep the
    /// threads busy to the end of the batch although documents differ a lot in length.
    /// </summary>
    private void WriteConcurrently(IndexWriter writer, KeyValuePair<string, Document>[] writes)
    {
        var threads = Math.Clamp(_indexingThreads, 1, Math.Max(1, writes.Length));
        if (threads == 1)
        {
            foreach (var (id, doc) in writes)
            {
                writer.UpdateDocument(new Term(LuceneFields.Id, id), doc);
            }
            return;
        }
        Parallel.ForEach(
            Partitioner.Create(0, writes.Length, rangeSize: 16),
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    writer.UpdateDocument(new Term(LuceneFields.Id, writes[i].Key), writes[i].Value);
                }
            });
    }

    public int Delete(IReadOnlyCollection<string> ids)
    {
        var writer = RequireWriter();
        var deleted = 0;
        lock (_writeLock)
        {
            using var lease = AcquireSearcher();
            foreach (var id in ids)
            {
                if (_pendingIds.Contains(id) || HasLiveTerm(lease.Searcher.IndexReader, LuceneFields.Id, id))
                {
                    deleted++;
                }
                writer.DeleteDocuments(new Term(LuceneFields.Id, id));
                _pendingIds.Remove(id);
            }
        }
        return deleted;
    }

    public void Commit(IReadOnlyDictionary<string, string>? userData = null)
    {
        var writer = RequireWriter();
        lock (_writeLock)
        {
            // Keys of earlier commits carry forward (a later API upsert must not erase the first start's bootstrap
            // state); the keys given here replace theirs.
            var data = new Dictionary<string, string>(writer.CommitData, StringComparer.Ordinal)
            {
                ["committedAt"] = DateTimeOffset.UtcNow.ToString("O"),
            };
            if (userData is not null)
            {
                foreach (var (key, value) in userData)
                {
                    data[key] = value;
                }
            }
            writer.SetCommitData(data);
            writer.Commit();
            _searchers.MaybeRefreshBlocking();
            _pendingIds.Clear();
        }
    }

    /// <summary>
    /// Waits for the background merges a bulk load set off and commits their result. Without it, disposing the writer
    /// aborts them (Dispose rolls back to the last commit), leaving dozens of 2,000-document segments that every query
    /// then visits: term lookups per segment were a third of a novelty query's time in the 100k profile.
    /// </summary>
    public void FinishMerges()
    {
        var writer = RequireWriter();
        writer.WaitForMerges();
        Commit(new Dictionary<string, string> { ["merged"] = "true" });
    }

    /// <summary>User data of the last commit (for example, when it was made).</summary>
    public IReadOnlyDictionary<string, string> LastCommitData
    {
        get
        {
            var commits = DirectoryReader.ListCommits(_directory);
            return commits.Count == 0
                ? new Dictionary<string, string>()
                : new Dictionary<string, string>(commits[^1].UserData);
        }
    }

    /// <summary>Bytes the index occupies on disk.</summary>
    public long SizeInBytes => new DirectoryInfo(IndexPath).EnumerateFiles().Sum(f => f.Length);

    public PatentRecord? Get(string id)
    {
        using var lease = AcquireSearcher();
        var top = lease.Searcher.Search(new TermQuery(new Term(LuceneFields.Id, id)), 1);
        if (top.TotalHits == 0)
        {
            return null;
        }
        return LoadRecord(lease.Searcher, top.ScoreDocs[0].Doc);
    }

    public Task<PatentRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Get(id));
    }

    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult(Search(request, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<SearchResult>(cancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException<SearchResult>(ex);
        }
    }

    public Task<IReadOnlyList<TermStatistic>> GetTermStatisticsAsync(IReadOnlyList<TermKey> terms, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(GetTermStatistics(terms));
    }

    public Task<UpsertResult> UpsertAsync(IReadOnlyList<PatentRecord> records, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Upsert(records));
    }

    public Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Delete(ids));
    }

    public Task CommitAsync(IReadOnlyDictionary<string, string>? userData = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Commit(userData);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<EngineStats>> GetStatsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EngineStats>>([Stats("only")]);

    /// <summary>This index's counts for the admin view; <paramref name="role"/> is <c>only</c> or <c>fallback</c>.</summary>
    public EngineStats Stats(string role) => new(EngineName, role, DocumentCount, "ok")
    {
        SizeBytes = SizeInBytes,
        Details = LastCommitData,
    };

    /// <summary>
    /// Refuses a request whose wildcards expand past its budget, without running it: the cluster path asks the embedded
    /// index first, so both engines refuse exactly the same queries (Elasticsearch has no cheap expansion count).
    /// </summary>
    public void CheckExpansions(SearchRequest request, CancellationToken cancellationToken = default)
    {
        using var lease = AcquireSearcher();
        new LuceneSearchExecutor(lease.Searcher, _compiler, _analyzer, EngineName, _aggregationFilters, _searchThreads).CheckExpansions(request, cancellationToken);
    }

    public SearchResult Search(SearchRequest request, CancellationToken cancellationToken = default)
    {
        using var lease = AcquireSearcher();
        return new LuceneSearchExecutor(lease.Searcher, _compiler, _analyzer, EngineName, _aggregationFilters, _searchThreads).Execute(request, cancellationToken);
    }

    public IReadOnlyList<TermStatistic> GetTermStatistics(IReadOnlyList<TermKey> terms)
    {
        using var lease = AcquireSearcher();
        var reader = lease.Searcher.IndexReader;
        // Document frequency per (term, field), summed over segments; a term's statistic is its largest field.
        // One terms enum per segment and field, reused across that field's terms in sorted order: a fresh enum per term
        // and segment (IndexReader.DocFreq) allocated 15 MB per novelty query's term extraction.
        var slots = terms.Select(key => LuceneFields.TextFieldsOf(key.Field).Select(f => key.Bigram ? LuceneFields.Bigram(f) : f).ToArray()).ToArray();
        var sums = slots.Select(fields => new long[fields.Length]).ToArray();
        var byField = new Dictionary<string, List<(BytesRef Term, int Key, int Slot)>>(StringComparer.Ordinal);
        for (var k = 0; k < terms.Count; k++)
        {
            for (var slot = 0; slot < slots[k].Length; slot++)
            {
                if (!byField.TryGetValue(slots[k][slot], out var wanted))
                {
                    byField[slots[k][slot]] = wanted = [];
                }
                wanted.Add((new BytesRef(terms[k].Term), k, slot));
            }
        }
        foreach (var wanted in byField.Values)
        {
            wanted.Sort((a, b) => a.Term.CompareTo(b.Term));
        }
        TermsEnum? termsEnum = null;
        foreach (var leaf in reader.Leaves)
        {
            var fields = leaf.AtomicReader.Fields;
            if (fields is null)
            {
                continue;
            }
            foreach (var (field, wanted) in byField)
            {
                var fieldTerms = fields.GetTerms(field);
                if (fieldTerms is null)
                {
                    continue;
                }
                termsEnum = fieldTerms.GetEnumerator(termsEnum);
                foreach (var (term, k, slot) in wanted)
                {
                    if (termsEnum.SeekExact(term))
                    {
                        sums[k][slot] += termsEnum.DocFreq;
                    }
                }
            }
        }
        return [.. terms.Select((key, k) => new TermStatistic(key, sums[k].Length == 0 ? 0 : sums[k].Max(), reader.NumDocs))];
    }

    /// <summary>Every live record, in index order, from one point-in-time view (re-syncing the cluster from the embedded index).</summary>
    public IEnumerable<PatentRecord> AllRecords()
    {
        using var lease = AcquireSearcher();
        foreach (var leaf in lease.Searcher.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var live = reader.LiveDocs;
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (live is null || live.Get(doc))
                {
                    yield return LoadRecord(lease.Searcher, leaf.DocBase + doc);
                }
            }
        }
    }

    /// <summary>Borrows the current searcher; dispose the lease to release it.</summary>
    public SearcherLease AcquireSearcher() => new(_searchers);

    internal static PatentRecord LoadRecord(IndexSearcher searcher, int doc)
    {
        var stored = searcher.Doc(doc, new HashSet<string> { LuceneFields.Source });
        var bytes = stored.GetBinaryValue(LuceneFields.Source)
            ?? throw new InvalidOperationException($"Document {doc} has no stored source.");
        return PatentJson.Deserialize(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length));
    }

    private static bool HasLiveTerm(IndexReader reader, string field, string value)
    {
        var bytes = new BytesRef(value);
        foreach (var leaf in reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var terms = atomic.GetTerms(field)?.GetEnumerator();
            if (terms is null || !terms.SeekExact(bytes))
            {
                continue;
            }
            var docs = terms.Docs(atomic.LiveDocs, null, DocsFlags.NONE);
            if (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                return true;
            }
        }
        return false;
    }

    private IndexWriter RequireWriter()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _writer ?? throw new InvalidOperationException("The index was opened read-only.");
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _searchers.Dispose();
        // Dispose without commit: only what Commit made durable survives, as after a crash.
        _writer?.Rollback();
        _writer?.Dispose();
        _processLock?.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }
}

/// <summary>Gives every searcher the index's similarity (Lucene's default is the classic TF-IDF one).</summary>
internal sealed class SimilaritySearcherFactory(Similarity similarity) : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
}

/// <summary>A searcher borrowed from a <see cref="SearcherManager"/>; disposing releases it.</summary>
public readonly struct SearcherLease : IDisposable
{
    private readonly SearcherManager _manager;

    internal SearcherLease(SearcherManager manager)
    {
        _manager = manager;
        Searcher = manager.Acquire();
    }

    public IndexSearcher Searcher { get; }

    public void Dispose() => _manager.Release(Searcher);
}
