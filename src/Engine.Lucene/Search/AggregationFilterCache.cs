using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PatentNav.Core.Query;

namespace PatentNav.Engine.Lucene.Search;

/// <summary>
/// The named filters of aggregations (a chain's nodes), one entry per query node instance: the query compiled once, its
/// documents computed once per segment and reused by every later map of that chain until a merge or a new segment
/// brings documents the cache has not seen (Lucene keys the cache by segment core), and its wildcard expansions
/// counted once per reader. A node that nobody holds any more (a request's own filter) takes its entry with it.
/// </summary>
internal sealed class AggregationFilterCache
{
    private readonly ConditionalWeakTable<QueryNode, Entry> _entries = new();

    public Query QueryOf(QueryNode node, Func<QueryNode, Query> compile) => EntryOf(node, compile).Query;

    public Filter FilterOf(QueryNode node, Func<QueryNode, Query> compile) => EntryOf(node, compile).Filter;

    /// <summary>Index terms the node's wildcards and prefixes expand to in <paramref name="reader"/>, counted once per reader.</summary>
    public int ExpansionsOf(QueryNode node, Func<QueryNode, Query> compile, IndexReader reader, CancellationToken token)
    {
        var entry = EntryOf(node, compile);
        var counted = entry.Counted;
        if (counted is not null && ReferenceEquals(counted.Value.Reader, reader))
        {
            return counted.Value.Expansions;
        }
        var budget = new ExpansionBudget(reader, int.MaxValue, token);
        budget.Check(entry.Query);
        entry.Counted = (reader, budget.Seen);
        return budget.Seen;
    }

    private Entry EntryOf(QueryNode node, Func<QueryNode, Query> compile) =>
        _entries.GetValue(node, n =>
        {
            var query = compile(n);
            return new Entry(query, new BitSetCachingFilter(new QueryWrapperFilter(query)));
        });

    /// <summary>
    /// Caches a segment's documents as a bit set, which the aggregation collector reads in place for every document it
    /// counts (Lucene's default compressed set would have to be copied into one per request: at 1M documents that copy,
    /// a megabit per node and segment, was a fifth of a 49-node map's time). One bit per document of the segment.
    /// </summary>
    private sealed class BitSetCachingFilter(Filter filter) : CachingWrapperFilter(filter)
    {
        protected override DocIdSet CacheImpl(DocIdSetIterator iterator, AtomicReader reader)
        {
            var bits = new FixedBitSet(reader.MaxDoc);
            bits.Or(iterator);
            return bits;
        }
    }

    private sealed class Entry(Query query, Filter filter)
    {
        public Query Query { get; } = query;
        public Filter Filter { get; } = filter;
        /// <summary>Read and written without a lock: two threads counting the same reader write the same answer.</summary>
        public (IndexReader Reader, int Expansions)? Counted { get; set; }
    }
}
