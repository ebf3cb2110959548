using System.Globalization;
using PatentNav.Core.Query;

namespace PatentNav.NavigationMaps;

/// <summary>An industry chain: a tree of nodes, each defined by an expert query (IPC patterns, exclusions, keywords).</summary>
public sealed record IndustryChain(string Id, string Name, string? Description, string File, IReadOnlyList<ChainNode> Nodes)
{
    /// <summary>Every node, parents before their children.</summary>
    public IEnumerable<ChainNode> AllNodes => Nodes.SelectMany(n => n.SelfAndDescendants);
}

/// <param name="Why">Why the node is drawn this way (sources, what the IPC codes cover, what is excluded).</param>
public sealed record ChainNode(string Id, string Name, string QueryText, QueryNode Query, string? Why, IReadOnlyList<ChainNode> Children)
{
    public IEnumerable<ChainNode> SelfAndDescendants => [this, .. Children.SelectMany(c => c.SelfAndDescendants)];
}

/// <summary>A chain file that cannot be used, with where it broke.</summary>
public sealed class ChainFileException(string file, int line, int column, string message)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(file)}:{line}:{column}: {message}"))
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
}

/// <summary>
/// Reads chain files (docs/navigation-maps.md has the format): header lines <c>key: value</c> (<c>id</c>, <c>name</c>,
/// <c>description</c>), then one line per node, <c>- node-id 名称 = expert query</c>, indented two spaces per level below
/// its parent, optionally followed by a <c>why:</c> line. Every query goes through the expert query parser; its errors
/// come back as <see cref="ChainFileException"/> with the file, line and column where the query broke.
/// </summary>
public static class ChainFileParser
{
    /// <summary>
    /// Chain files are configuration, not client input: a node may list hundreds of IPC patterns (the SEI categories do),
    /// so they get longer queries and more clauses than a search request, still bounded (Lucene's 1,024 per query).
    /// </summary>
    public static QueryLimits ChainLimits { get; } = new() { MaxLength = 32_000, MaxClauses = 1_000 };

    public static IndustryChain Parse(string file, string text, ExpertQueryParser? parser = null)
    {
        parser ??= new ExpertQueryParser(ChainLimits);
        string? id = null, name = null, description = null;
        var roots = new List<Builder>();
        var stack = new List<Builder>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var raw = lines[i];
            var trimmed = raw.TrimStart(' ');
            var indent = raw.Length - trimmed.Length;
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }
            if (raw.Contains('\t', StringComparison.Ordinal))
            {
                throw new ChainFileException(file, lineNumber, raw.IndexOf('\t', StringComparison.Ordinal) + 1, "tabs are not allowed: indent with two spaces per level");
            }
            if (trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                if (indent % 2 != 0)
                {
                    throw new ChainFileException(file, lineNumber, 1, "a node is indented by a multiple of two spaces");
                }
                var depth = indent / 2;
                if (depth > stack.Count)
                {
                    throw new ChainFileException(file, lineNumber, indent + 1, $"indented {depth} levels under a node at level {stack.Count - 1}");
                }
                var node = ParseNode(file, lineNumber, raw, indent + 2, parser);
                if (!ids.Add(node.Id))
                {
                    throw new ChainFileException(file, lineNumber, indent + 3, $"node id '{node.Id}' is used twice");
                }
                stack.RemoveRange(depth, stack.Count - depth);
                (depth == 0 ? roots : stack[^1].Children).Add(node);
                stack.Add(node);
                continue;
            }
            var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new ChainFileException(file, lineNumber, indent + 1, "expected 'key: value' or '- node-id 名称 = query'");
            }
            var key = trimmed[..colon].Trim();
            var value = trimmed[(colon + 1)..].Trim();
            if (key == "why" && stack.Count > 0 && indent > 0)
            {
                stack[^1].Why = stack[^1].Why is null ? value : stack[^1].Why + " " + value;
                continue;
            }
            if (roots.Count > 0)
            {
                throw new ChainFileException(file, lineNumber, indent + 1, $"'{key}:' after the first node: header lines come first, and 'why:' is indented under its node");
            }
            switch (key)
            {
                case "id":
                    id = value;
                    break;
                case "name":
                    name = value;
                    break;
                case "description":
                    description = description is null ? value : description + " " + value;
                    break;
                default:
                    throw new ChainFileException(file, lineNumber, indent + 1, $"unknown header '{key}' (known: id, name, description)");
            }
        }
        if (string.IsNullOrWhiteSpace(id) || !IsId(id))
        {
            throw new ChainFileException(file, 1, 1, "the chain needs an 'id:' of letters, digits and hyphens");
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ChainFileException(file, 1, 1, "the chain needs a 'name:'");
        }
        if (roots.Count == 0)
        {
            throw new ChainFileException(file, lines.Length, 1, "the chain has no nodes");
        }
        return new IndustryChain(id, name, description, file, [.. roots.Select(r => r.Build())]);
    }

    private static Builder ParseNode(string file, int line, string raw, int start, ExpertQueryParser parser)
    {
        var equals = raw.IndexOf('=', start);
        var head = (equals < 0 ? raw[start..] : raw[start..equals]).Trim();
        var space = head.IndexOf(' ', StringComparison.Ordinal);
        if (equals < 0 || space <= 0)
        {
            throw new ChainFileException(file, line, start + 1, "a node is '- node-id 名称 = expert query'");
        }
        var id = head[..space];
        if (!IsId(id))
        {
            throw new ChainFileException(file, line, start + 1, $"node id '{id}' may hold only letters, digits, hyphens and dots");
        }
        var queryStart = equals + 1;
        while (queryStart < raw.Length && raw[queryStart] == ' ')
        {
            queryStart++;
        }
        var queryText = raw[queryStart..].TrimEnd();
        try
        {
            return new Builder(id, head[(space + 1)..].Trim(), queryText, parser.Parse(queryText));
        }
        catch (QueryParseException error)
        {
            throw new ChainFileException(file, line, queryStart + error.Position + 1, $"node '{id}': {error.MessageEn} / {error.MessageZh}");
        }
    }

    private static bool IsId(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');

    private sealed class Builder(string id, string name, string queryText, QueryNode query)
    {
        public string Id { get; } = id;
        public string? Why { get; set; }
        public List<Builder> Children { get; } = [];

        public ChainNode Build() => new(Id, name, queryText, query, Why, [.. Children.Select(c => c.Build())]);
    }
}
