namespace PatentNav.Core.Query;

/// <summary>
/// The engine-neutral query AST: the parser produces it, each engine compiles it (Lucene queries, ES Query DSL).
/// No user text ever reaches an engine as a raw query string.
/// </summary>
public abstract record QueryNode;

/// <summary>Matches every document.</summary>
public sealed record MatchAllNode : QueryNode;

/// <summary>All children must match.</summary>
public sealed record AndNode(IReadOnlyList<QueryNode> Children) : QueryNode;

/// <summary>At least one child must match.</summary>
public sealed record OrNode(IReadOnlyList<QueryNode> Children) : QueryNode;

/// <summary><see cref="Include"/> minus <see cref="Exclude"/>; a bare NOT excludes from all documents.</summary>
public sealed record NotNode(QueryNode Include, QueryNode Exclude) : QueryNode;

/// <summary>Analyzed words in a text field: every word must match (words and bigram sub-fields both searched).</summary>
public sealed record TextNode(SearchField Field, string Text) : QueryNode;

/// <summary>Quoted text: an exact, contiguous substring of the field.</summary>
public sealed record PhraseNode(SearchField Field, string Text) : QueryNode;

/// <summary>Terms within <see cref="Distance"/> words of each other, in order when <see cref="Ordered"/>.</summary>
public sealed record ProximityNode(SearchField Field, IReadOnlyList<string> Terms, int Distance, bool Ordered) : QueryNode;

/// <summary><c>*</c> and <c>?</c> wildcards in a keyword or text field.</summary>
public sealed record WildcardNode(SearchField Field, string Pattern) : QueryNode;

/// <summary>An exact keyword value (publication number, type, legal state, region code, applicant).</summary>
public sealed record KeywordNode(SearchField Field, string Value) : QueryNode;

/// <summary>An IPC symbol with prefix semantics: <c>H01M</c> covers every code under H01M.</summary>
public sealed record IpcNode(string Code, bool MainOnly) : QueryNode;

/// <summary>A date range (inclusive bounds are explicit); null bounds are open.</summary>
public sealed record DateRangeNode(SearchField Field, DateOnly? From, DateOnly? To, bool IncludeFrom = true, bool IncludeTo = true) : QueryNode;

/// <summary>A weighted term for novelty queries; <see cref="Bigram"/> selects the bigram sub-field.</summary>
public sealed record WeightedTerm(string Term, float Weight, bool Bigram = false);

/// <summary>
/// A scored OR of weighted terms over the text fields, used by novelty search. <see cref="Coordinate"/> asks for Lucene's
/// classic coordination factor (score × matched clauses / clauses); engines without it (Elasticsearch) ignore it.
/// </summary>
public sealed record WeightedTermsNode(IReadOnlyList<WeightedTerm> Terms, IReadOnlyList<SearchField> Fields, bool Coordinate = false) : QueryNode;

/// <summary>Wraps a query that must match but does not score (filters).</summary>
public sealed record FilterNode(QueryNode Query, QueryNode Filter) : QueryNode;
