using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;

namespace PatentNav.Ingestion.Readers;

/// <summary>What a reader produced for one source record: either fields or the reason it could not be read.</summary>
public abstract record SourceReadResult
{
    // Private constructor: the two nested cases are the only ones, so a switch over them is exhaustive by design.
    private SourceReadResult()
    {
    }

    public abstract SourceLocation Location { get; }

    /// <summary>A record whose fields were mapped to canonical names.</summary>
    public sealed record Record(SourceRecord Value) : SourceReadResult
    {
        public override SourceLocation Location => Value.Location;
    }

    /// <summary>A record that could not be turned into fields (broken JSON, binary garbage, malformed CSV row).</summary>
    public sealed record Unreadable(UnreadableRecord Value) : SourceReadResult
    {
        public override SourceLocation Location => Value.Location;
    }

    public static implicit operator SourceReadResult(SourceRecord record) => new Record(record);

    public static implicit operator SourceReadResult(UnreadableRecord record) => new Unreadable(record);
}
