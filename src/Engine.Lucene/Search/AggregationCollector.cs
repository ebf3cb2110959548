using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PatentNav.Core.Engine;
using PatentNav.Core.Query;

namespace PatentNav.Engine.Lucene.Search;

/// <summary>
/// Counts an aggregation tree (<see cref="AggregationRequest"/>) over every matching document in one pass: terms and
/// year histograms read the cached doc-values ordinals the facets use; each named filter becomes a bit set per segment.
/// Nested aggregations get their own state per parent bucket, created the first time a document lands in it.
/// </summary>
internal sealed class AggregationCollector : ICollector
{
    private readonly Node[] _roots;
    private readonly string[] _names;
    private readonly CancellationToken _token;

    /// <param name="filterOf">The filter of a named filter's query; the index caches them per query across requests.</param>
    public AggregationCollector(IndexSearcher searcher, Func<QueryNode, Filter> filterOf, IReadOnlyDictionary<string, AggregationRequest> requests, CancellationToken token)
    {
        _token = token;
        _names = [.. requests.Keys];
        var context = new BuildContext(searcher, filterOf);
        _roots = [.. requests.Values.Select(context.Create)];
    }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        _token.ThrowIfCancellationRequested();
        foreach (var root in _roots)
        {
            root.SetNextReader(context);
        }
    }

    public void Collect(int doc)
    {
        foreach (var root in _roots)
        {
            root.Collect(doc);
        }
    }

    public IReadOnlyDictionary<string, AggregationResult> Result() => Results(_names, _roots);

    /// <summary>Adds the counts of a collector that saw other segments of the same reader (segments counted in parallel).</summary>
    public void Merge(AggregationCollector other)
    {
        for (var i = 0; i < _roots.Length; i++)
        {
            _roots[i].Merge(other._roots[i]);
        }
    }

    private static Dictionary<string, AggregationResult> Results(string[] names, Node[] nodes)
    {
        var results = new Dictionary<string, AggregationResult>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            results[names[i]] = nodes[i].Result();
        }
        return results;
    }

    /// <summary>
    /// What each node needs to build its children. A named filter's documents in a segment are read once per request and
    /// shared by every bucket's copy of the aggregation (a map nests "outside the region" under each of its nodes).
    /// </summary>
    private sealed class BuildContext(IndexSearcher searcher, Func<QueryNode, Filter> filterOf)
    {
        private readonly Dictionary<FiltersAggregation, Filter[]> _filters = [];
        private readonly Dictionary<(FiltersAggregation, int Filter, int Segment), FixedBitSet?> _bits = [];

        public IndexReader Reader => searcher.IndexReader;

        public Node Create(AggregationRequest request) => request switch
        {
            TermsAggregation terms => new TermsNode(this, terms),
            YearHistogram histogram => new HistogramNode(this, histogram),
            FiltersAggregation filters => new FiltersNode(this, filters),
            _ => throw new NotSupportedException($"The Lucene engine cannot count {request.GetType().Name}."),
        };

        /// <summary>The documents of one named filter in one segment; null when none match.</summary>
        public FixedBitSet? Bits(FiltersAggregation filters, int index, AtomicReaderContext context)
        {
            var key = (filters, index, context.Ord);
            if (_bits.TryGetValue(key, out var cached))
            {
                return cached;
            }
            if (!_filters.TryGetValue(filters, out var compiled))
            {
                _filters[filters] = compiled = [.. filters.Filters.Select(f => filterOf(f.Query))];
            }
            // Deleted documents never reach Collect, so the filter itself need not skip them.
            var set = compiled[index].GetDocIdSet(context, null);
            if (set is FixedBitSet cachedBits)
            {
                // The filter cache's own set (read-only here): no copy.
                return _bits[key] = cachedBits;
            }
            var iterator = set?.GetIterator();
            FixedBitSet? bits = null;
            if (iterator is not null)
            {
                int doc;
                while ((doc = iterator.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    (bits ??= new FixedBitSet(context.AtomicReader.MaxDoc)).Set(doc);
                }
            }
            return _bits[key] = bits;
        }
    }

    private abstract class Node
    {
        public abstract void SetNextReader(AtomicReaderContext context);

        public abstract void Collect(int doc);

        public abstract AggregationResult Result();

        /// <summary>Adds another node's counts for the same request (children included).</summary>
        public abstract void Merge(Node other);
    }

    /// <summary>Per-bucket child aggregations, created lazily and moved to the current segment before their first document in it.</summary>
    private sealed class Children(BuildContext build, IReadOnlyDictionary<string, AggregationRequest> requests)
    {
        private readonly string[] _names = [.. requests.Keys];
        private readonly Node[] _nodes = [.. requests.Values.Select(build.Create)];
        private AtomicReaderContext? _segment;

        public void Collect(AtomicReaderContext segment, int doc)
        {
            if (!ReferenceEquals(_segment, segment))
            {
                _segment = segment;
                foreach (var node in _nodes)
                {
                    node.SetNextReader(segment);
                }
            }
            foreach (var node in _nodes)
            {
                node.Collect(doc);
            }
        }

        public Dictionary<string, AggregationResult> Result() => Results(_names, _nodes);

        public void Merge(Children other)
        {
            for (var i = 0; i < _nodes.Length; i++)
            {
                _nodes[i].Merge(other._nodes[i]);
            }
        }
    }

    /// <summary>Counts per global ordinal of a doc-values field, shared by terms and year histograms.</summary>
    private abstract class OrdinalNode : Node
    {
        private readonly BuildContext _build;
        private readonly IReadOnlyDictionary<string, AggregationRequest> _childRequests;
        private readonly GlobalOrdinals? _global;
        private readonly FacetField _field;
        private readonly Dictionary<int, Children> _children = [];
        private SegmentOrdinals? _segmentOrdinals;
        private int[]? _toGlobal;
        private readonly HashSet<int>? _included;
        private AtomicReaderContext? _context;

        /// <param name="include">Count only these values (null: all).</param>
        protected OrdinalNode(BuildContext build, FacetField field, IReadOnlyDictionary<string, AggregationRequest> children, IReadOnlyList<string>? include = null)
        {
            _build = build;
            _field = field;
            _childRequests = children;
            _global = GlobalOrdinals.Of(build.Reader, field);
            Counts = new OrdinalCounts(_global?.Labels.Length ?? 0);
            if (include is not null)
            {
                _included = [.. include.Select(label => _global?.OrdinalOf(label) ?? -1).Where(ord => ord >= 0)];
            }
        }

        protected OrdinalCounts Counts { get; }

        protected string[] Labels => _global?.Labels ?? [];

        public override void SetNextReader(AtomicReaderContext context)
        {
            _context = context;
            _segmentOrdinals = _global is null ? null : SegmentOrdinals.Of(context.AtomicReader, _field);
            _toGlobal = _segmentOrdinals is null ? null : _global!.SegmentToGlobal[context.Ord];
        }

        public override void Collect(int doc)
        {
            if (_segmentOrdinals is not { } ordinals)
            {
                return;
            }
            for (var at = ordinals.Starts[doc]; at < ordinals.Starts[doc + 1]; at++)
            {
                var ord = _toGlobal![ordinals.Ords[at]];
                if (_included is not null && !_included.Contains(ord))
                {
                    continue;
                }
                Counts.Increment(ord);
                if (_childRequests.Count > 0)
                {
                    if (!_children.TryGetValue(ord, out var children))
                    {
                        _children[ord] = children = new Children(_build, _childRequests);
                    }
                    children.Collect(_context!, doc);
                }
            }
        }

        public override void Merge(Node other)
        {
            var from = (OrdinalNode)other;
            Counts.Add(from.Counts);
            foreach (var (ord, children) in from._children)
            {
                if (_children.TryGetValue(ord, out var mine))
                {
                    mine.Merge(children);
                }
                else
                {
                    _children[ord] = children;
                }
            }
        }

        protected AggregationBucket Bucket(string key, int ord) => new(key, ord < 0 ? 0 : Counts[ord])
        {
            Aggregations = ord >= 0 && _children.TryGetValue(ord, out var children)
                ? children.Result()
                : _childRequests.Count == 0 ? new Dictionary<string, AggregationResult>() : EmptyChildren(),
        };

        /// <summary>A bucket without documents still shows its sub-aggregations, empty, so every bucket has the same shape.</summary>
        private Dictionary<string, AggregationResult> EmptyChildren() => _childRequests.ToDictionary(c => c.Key, _ => new AggregationResult([]), StringComparer.Ordinal);
    }

    /// <summary>
    /// Documents per global ordinal. An array for small vocabularies (years, types, provinces, cities); a hash map for
    /// applicants and inventors, whose vocabularies grow with the corpus while one node's documents touch few of them:
    /// at 1M documents an array per nested terms aggregation cost a map 1.6 GB and a scan of every ordinal.
    /// </summary>
    private sealed class OrdinalCounts
    {
        private const int DenseLimit = 4096;
        private readonly int[]? _dense;
        private readonly Dictionary<int, int>? _sparse;

        public OrdinalCounts(int ordinals)
        {
            if (ordinals <= DenseLimit)
            {
                _dense = new int[ordinals];
            }
            else
            {
                _sparse = [];
            }
        }

        public int this[int ord] => _dense is not null ? _dense[ord] : _sparse!.GetValueOrDefault(ord);

        public long Total => _dense is not null ? _dense.Sum(c => (long)c) : _sparse!.Values.Sum(c => (long)c);

        public void Increment(int ord)
        {
            if (_dense is not null)
            {
                _dense[ord]++;
            }
            else
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_sparse!, ord, out _)++;
            }
        }

        public void Add(OrdinalCounts other)
        {
            if (_dense is not null)
            {
                for (var ord = 0; ord < _dense.Length; ord++)
                {
                    _dense[ord] += other._dense![ord];
                }
                return;
            }
            foreach (var (ord, count) in other._sparse!)
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_sparse!, ord, out _) += count;
            }
        }

        /// <summary>The ordinals with at least one document.</summary>
        public IEnumerable<int> Counted() => _dense is not null ? Enumerable.Range(0, _dense.Length).Where(ord => _dense[ord] > 0) : _sparse!.Keys;
    }

    private sealed class TermsNode(BuildContext build, TermsAggregation request) : OrdinalNode(build, request.Field, request.Aggregations, request.Include)
    {
        public override AggregationResult Result()
        {
            // Most documents first, ties by value: the order of the facets and of Elasticsearch's terms with a _key tie-break.
            var top = Counts.Counted()
                .OrderByDescending(ord => Counts[ord])
                .ThenBy(ord => Labels[ord], StringComparer.Ordinal)
                .Take(request.Size)
                .ToList();
            var other = Counts.Total - top.Sum(ord => (long)Counts[ord]);
            return new AggregationResult([.. top.Select(ord => Bucket(Labels[ord], ord))], other);
        }
    }

    private sealed class HistogramNode(BuildContext build, YearHistogram request) : OrdinalNode(build, request.Field, request.Aggregations)
    {
        public override AggregationResult Result()
        {
            var byYear = new Dictionary<int, int>();
            foreach (var ord in Counts.Counted())
            {
                if (int.TryParse(Labels[ord], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                    && year >= (request.From ?? int.MinValue) && year <= (request.To ?? int.MaxValue))
                {
                    byYear[year] = ord;
                }
            }
            if (byYear.Count == 0 && (request.From is null || request.To is null))
            {
                return new AggregationResult([]);
            }
            var first = request.From ?? byYear.Keys.Min();
            var last = request.To ?? byYear.Keys.Max();
            var buckets = new List<AggregationBucket>(last - first + 1);
            for (var year = first; year <= last; year++)
            {
                buckets.Add(Bucket(year.ToString("D4", CultureInfo.InvariantCulture), byYear.GetValueOrDefault(year, -1)));
            }
            return new AggregationResult(buckets);
        }
    }

    private sealed class FiltersNode : Node
    {
        private readonly BuildContext _build;
        private readonly FiltersAggregation _request;
        private readonly long[] _counts;
        private readonly Children?[] _children;
        private readonly FixedBitSet?[] _bits;
        private AtomicReaderContext? _context;

        public FiltersNode(BuildContext build, FiltersAggregation request)
        {
            _build = build;
            _request = request;
            _counts = new long[request.Filters.Count];
            _bits = new FixedBitSet?[request.Filters.Count];
            _children = [.. request.Filters.Select(_ => request.Aggregations.Count > 0 ? new Children(build, request.Aggregations) : null)];
        }

        public override void SetNextReader(AtomicReaderContext context)
        {
            _context = context;
            for (var i = 0; i < _bits.Length; i++)
            {
                _bits[i] = _build.Bits(_request, i, context);
            }
        }

        public override void Collect(int doc)
        {
            for (var i = 0; i < _bits.Length; i++)
            {
                if (_bits[i] is { } bits && bits.Get(doc))
                {
                    _counts[i]++;
                    _children[i]?.Collect(_context!, doc);
                }
            }
        }

        public override void Merge(Node other)
        {
            var from = (FiltersNode)other;
            for (var i = 0; i < _counts.Length; i++)
            {
                _counts[i] += from._counts[i];
                if (from._children[i] is { } children)
                {
                    _children[i]!.Merge(children);
                }
            }
        }

        public override AggregationResult Result() => new(
        [
            .. _request.Filters.Select((filter, i) => new AggregationBucket(filter.Name, _counts[i])
            {
                Aggregations = _children[i]?.Result() ?? new Dictionary<string, AggregationResult>(),
            }),
        ]);
    }
}
