using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PatentNav.Core.Engine;

namespace PatentNav.Engine.Lucene.Search;

/// <summary>
/// Counts doc-values facets over every matching document (Lucene.Net.Facet is not available here).
/// Counts are kept per segment ordinal and resolved to strings once per segment.
/// </summary>
internal sealed class FacetCollector(IReadOnlyList<FacetRequest> requests) : ICollector
{
    private readonly Dictionary<string, long>[] _totals = [.. requests.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];
    private readonly SegmentCounts?[] _segment = new SegmentCounts?[requests.Count];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        for (var i = 0; i < requests.Count; i++)
        {
            var field = LuceneFields.DocValuesFieldOf(requests[i].Field);
            _segment[i] = LuceneFields.IsMultiValued(requests[i].Field)
                ? SegmentCounts.ForSortedSet(context.AtomicReader.GetSortedSetDocValues(field))
                : SegmentCounts.ForSorted(context.AtomicReader.GetSortedDocValues(field));
        }
    }

    public void Collect(int doc)
    {
        foreach (var counts in _segment)
        {
            counts?.Count(doc);
        }
    }

    public IReadOnlyDictionary<FacetField, IReadOnlyList<FacetBucket>> Result()
    {
        Flush();
        var result = new Dictionary<FacetField, IReadOnlyList<FacetBucket>>();
        for (var i = 0; i < requests.Count; i++)
        {
            result[requests[i].Field] = _totals[i]
                .OrderByDescending(kv => kv.Value)
                .ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(requests[i].Size)
                .Select(kv => new FacetBucket(kv.Key, kv.Value))
                .ToList();
        }
        return result;
    }

    private void Flush()
    {
        for (var i = 0; i < _segment.Length; i++)
        {
            _segment[i]?.FlushInto(_totals[i]);
            _segment[i] = null;
        }
    }

    private sealed class SegmentCounts
    {
        private readonly SortedSetDocValues? _multi;
        private readonly SortedDocValues? _single;
        private readonly int[] _counts;

        private SegmentCounts(SortedSetDocValues? multi, SortedDocValues? single, long valueCount)
        {
            _multi = multi;
            _single = single;
            _counts = new int[valueCount];
        }

        public static SegmentCounts? ForSortedSet(SortedSetDocValues? values) =>
            values is null ? null : new SegmentCounts(values, null, values.ValueCount);

        public static SegmentCounts? ForSorted(SortedDocValues? values) =>
            values is null ? null : new SegmentCounts(null, values, values.ValueCount);

        public void Count(int doc)
        {
            if (_single is not null)
            {
                var ord = _single.GetOrd(doc);
                if (ord >= 0)
                {
                    _counts[ord]++;
                }
                return;
            }
            _multi!.SetDocument(doc);
            long next;
            while ((next = _multi.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                _counts[next]++;
            }
        }

        public void FlushInto(Dictionary<string, long> totals)
        {
            var scratch = new BytesRef();
            for (var ord = 0; ord < _counts.Length; ord++)
            {
                if (_counts[ord] == 0)
                {
                    continue;
                }
                if (_single is not null)
                {
                    _single.LookupOrd(ord, scratch);
                }
                else
                {
                    _multi!.LookupOrd(ord, scratch);
                }
                var key = scratch.Utf8ToString();
                totals[key] = totals.GetValueOrDefault(key) + _counts[ord];
            }
        }
    }
}
