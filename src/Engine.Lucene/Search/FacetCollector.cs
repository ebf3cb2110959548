using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PatentNav.Core.Engine;

namespace PatentNav.Engine.Lucene.Search;

/// <summary>
/// Counts doc-values facets over every matching document (Lucene.Net.Facet is not available here). Counts go into one
/// array per field indexed by global ordinal (<see cref="GlobalOrdinals"/>), so segments are merged by integer, and only
/// the top buckets are resolved to labels.
/// </summary>
internal sealed class FacetCollector(IndexReader topReader, IReadOnlyList<FacetRequest> requests) : ICollector
{
    private readonly GlobalOrdinals?[] _global = [.. requests.Select(r => GlobalOrdinals.Of(topReader, r.Field))];
    private readonly int[]?[] _counts = [.. requests.Select(r => (int[]?)null)];
    private readonly SegmentOrdinals?[] _segment = new SegmentOrdinals?[requests.Count];
    private readonly int[]?[] _toGlobal = new int[]?[requests.Count];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        for (var i = 0; i < requests.Count; i++)
        {
            _segment[i] = _global[i] is null ? null : SegmentOrdinals.Of(context.AtomicReader, requests[i].Field);
            _toGlobal[i] = _segment[i] is null ? null : _global[i]!.SegmentToGlobal[context.Ord];
            // Pooled: high-cardinality fields (applicants) need arrays past the large-object threshold, which as fresh
            // allocations per request forced gen-2 collections in the benchmark.
            if (_segment[i] is not null && _counts[i] is null)
            {
                var length = _global[i]!.Labels.Length;
                _counts[i] = ArrayPool<int>.Shared.Rent(Math.Max(1, length));
                Array.Clear(_counts[i]!, 0, length);
            }
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _segment.Length; i++)
        {
            var ordinals = _segment[i];
            if (ordinals is null)
            {
                continue;
            }
            var counts = _counts[i]!;
            var toGlobal = _toGlobal[i]!;
            var ords = ordinals.Ords;
            for (var at = ordinals.Starts[doc]; at < ordinals.Starts[doc + 1]; at++)
            {
                counts[toGlobal[ords[at]]]++;
            }
        }
    }

    public IReadOnlyDictionary<FacetField, IReadOnlyList<FacetBucket>> Result()
    {
        var result = new Dictionary<FacetField, IReadOnlyList<FacetBucket>>();
        for (var i = 0; i < requests.Count; i++)
        {
            var counts = _counts[i];
            result[requests[i].Field] = counts is null ? [] : Top(counts, _global[i]!.Labels, requests[i].Size);
            if (counts is not null)
            {
                ArrayPool<int>.Shared.Return(counts);
                _counts[i] = null;
            }
        }
        return result;
    }

    /// <summary>The <paramref name="size"/> largest counts, ties by label; a bounded heap instead of sorting every value.</summary>
    private static List<FacetBucket> Top(int[] counts, string[] labels, int size)
    {
        // The heap's minimum is the weakest bucket kept: lower count, or equal count and later label.
        var weakestFirst = Comparer<(int Count, string Label)>.Create((a, b) =>
            a.Count != b.Count ? a.Count.CompareTo(b.Count) : string.CompareOrdinal(b.Label, a.Label));
        var heap = new PriorityQueue<int, (int Count, string Label)>(weakestFirst);
        for (var ord = 0; ord < labels.Length; ord++)
        {
            if (counts[ord] == 0 || size <= 0)
            {
                continue;
            }
            var bucket = (counts[ord], labels[ord]);
            if (heap.Count < size)
            {
                heap.Enqueue(ord, bucket);
            }
            else if (heap.TryPeek(out _, out var weakest) && weakestFirst.Compare(bucket, weakest) > 0)
            {
                heap.DequeueEnqueue(ord, bucket);
            }
        }
        var top = new List<FacetBucket>(heap.Count);
        while (heap.TryDequeue(out var ord, out _))
        {
            top.Add(new FacetBucket(labels[ord], counts[ord]));
        }
        top.Reverse();
        return top;
    }
}

/// <summary>
/// One top-level reader's facet labels for one field, merged across segments into global ordinals, with each segment's
/// map from its own ordinals; built once per reader (after each refresh) and cached with it.
/// </summary>
internal sealed class GlobalOrdinals
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<FacetField, Lazy<GlobalOrdinals?>>> Cache = [];

    private readonly Dictionary<string, int> _ordinals;

    private GlobalOrdinals(string[] labels, int[][] segmentToGlobal, Dictionary<string, int> ordinals)
    {
        Labels = labels;
        SegmentToGlobal = segmentToGlobal;
        _ordinals = ordinals;
    }

    public string[] Labels { get; }

    /// <summary>Indexed by leaf ord, then by segment ordinal.</summary>
    public int[][] SegmentToGlobal { get; }

    /// <summary>The global ordinal of a value, or -1 when no document has it. Read-only after the build, so safe to share.</summary>
    public int OrdinalOf(string label) => _ordinals.GetValueOrDefault(label, -1);

    public static GlobalOrdinals? Of(IndexReader topReader, FacetField facet)
    {
        var perReader = Cache.GetValue(topReader.CoreCacheKey, _ => new ConcurrentDictionary<FacetField, Lazy<GlobalOrdinals?>>());
        return perReader.GetOrAdd(facet, f => new Lazy<GlobalOrdinals?>(() => Build(topReader, f))).Value;
    }

    private static GlobalOrdinals? Build(IndexReader topReader, FacetField facet)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new List<string>();
        var maps = new int[topReader.Leaves.Count][];
        var any = false;
        foreach (var leaf in topReader.Leaves)
        {
            var segment = SegmentOrdinals.Of(leaf.AtomicReader, facet);
            if (segment is null)
            {
                maps[leaf.Ord] = [];
                continue;
            }
            any = true;
            var map = new int[segment.Labels.Length];
            for (var ord = 0; ord < map.Length; ord++)
            {
                ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, segment.Labels[ord], out var known);
                if (!known)
                {
                    id = labels.Count;
                    labels.Add(segment.Labels[ord]);
                }
                map[ord] = id;
            }
            maps[leaf.Ord] = map;
        }
        return any ? new GlobalOrdinals([.. labels], maps, ids) : null;
    }
}

/// <summary>
/// One segment's facet values for one field, decoded once from doc values into flat arrays (CSR layout: document d has
/// the ordinals <c>Ords[Starts[d]..Starts[d+1]]</c>) and cached for the segment's lifetime.
/// </summary>
/// <remarks>
/// Decoding Lucene.Net's doc values per matching document was the facet profile's hot spot (2× Java Lucene 8.7 on
/// 100k documents); segments are immutable, so the arrays stay valid until the segment is merged away and collected.
/// Memory: 4 bytes per document plus 4 per value, per faceted field that has been asked for.
/// </remarks>
internal sealed class SegmentOrdinals
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, Lazy<SegmentOrdinals?>>> Cache = [];

    private SegmentOrdinals(int[] starts, int[] ords, string[] labels)
    {
        Starts = starts;
        Ords = ords;
        Labels = labels;
    }

    public int[] Starts { get; }

    public int[] Ords { get; }

    public string[] Labels { get; }

    public static SegmentOrdinals? Of(AtomicReader reader, FacetField facet)
    {
        var field = LuceneFields.DocValuesFieldOf(facet);
        var perSegment = Cache.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, Lazy<SegmentOrdinals?>>(StringComparer.Ordinal));
        // Lazy: concurrent first queries on a fresh segment decode it once.
        return perSegment.GetOrAdd(field, f => new Lazy<SegmentOrdinals?>(() => Load(reader, f, LuceneFields.IsMultiValued(facet)))).Value;
    }

    private static SegmentOrdinals? Load(AtomicReader reader, string field, bool multiValued)
    {
        // Single-valued fields read through Lucene's one-value SortedSet view, so one loop decodes both kinds.
        var values = multiValued
            ? reader.GetSortedSetDocValues(field)
            : reader.GetSortedDocValues(field) is { } single ? DocValues.Singleton(single) : null;
        if (values is null)
        {
            return null;
        }
        var maxDoc = reader.MaxDoc;
        var starts = new int[maxDoc + 1];
        var ords = new List<int>(maxDoc);
        for (var doc = 0; doc < maxDoc; doc++)
        {
            starts[doc] = ords.Count;
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                ords.Add((int)ord);
            }
        }
        starts[maxDoc] = ords.Count;
        var labels = new string[values.ValueCount];
        var scratch = new BytesRef();
        for (var ord = 0; ord < labels.Length; ord++)
        {
            values.LookupOrd(ord, scratch);
            labels[ord] = scratch.Utf8ToString();
        }
        return new SegmentOrdinals(starts, [.. ords], labels);
    }
}
