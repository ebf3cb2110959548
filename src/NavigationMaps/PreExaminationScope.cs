using PatentNav.Core.Novelty;
using PatentNav.Core.Query;
using PatentNav.Core.Text;

namespace PatentNav.NavigationMaps;

/// <summary>Why a draft falls in a field: a suggested subclass the field covers whole or in part, or a title keyword of its definition.</summary>
/// <param name="Basis"><c>ipc-whole</c> (the field covers the whole subclass), <c>ipc-part</c> (only some of its groups), <c>title-keyword</c>.</param>
public sealed record ScopeMatch(string Chain, string NodeId, string NodeName, string Basis, string Evidence);

/// <param name="Status"><c>in_scope</c>, <c>partly</c> (a suggested subclass overlaps the field's groups: check the draft's group), <c>out_of_scope</c>.</param>
public sealed record ScopeFieldAnswer(string Field, string Status, IReadOnlyList<ScopeMatch> Matches);

public sealed record ScopeAnswer(IReadOnlyList<IpcSuggestion> SuggestedIpc, IReadOnlyList<ScopeFieldAnswer> Fields, bool InScope, string Notice);

/// <summary>
/// 快速预审 scope check (措施四): whether a draft falls in the fields the protection centre pre-examines (new energy and
/// modern equipment manufacturing), read from an editable scope file whose fields are chain nodes (the SEI 2021
/// concordance and Jinzhong's chains), so the IPC patterns are the same data the navigation maps use.
/// </summary>
public sealed class PreExaminationScope
{
    public const string Notice = "本结果依据 IPC 分类建议与战略性新兴产业分类对照表自动判断，仅供参考；是否属于快速预审服务范围，以山西省知识产权保护中心公布的预审领域目录及分类号为准。";

    /// <summary>A suggestion below this confidence is shown but decides nothing.</summary>
    public const double MinConfidence = 0.2;

    /// <summary>A field's node with what its query asks for, read from the query once at load.</summary>
    private sealed record ScopeNode(IndustryChain Chain, ChainNode Node, List<string> Codes, List<string> TitleTerms);

    private readonly List<(string Name, List<ScopeNode> Nodes)> _fields;

    private PreExaminationScope(List<(string, List<(IndustryChain, ChainNode)>)> fields) =>
        _fields = [.. fields.Select(f => (f.Item1, f.Item2.Select(n =>
        {
            var codes = new List<string>();
            var titleTerms = new List<string>();
            Collect(n.Item2.Query, codes, titleTerms);
            return new ScopeNode(n.Item1, n.Item2, codes, titleTerms);
        }).ToList()))];

    public IReadOnlyList<string> FieldNames => [.. _fields.Select(f => f.Name)];

    /// <summary>Reads a scope file: <c>name: chain:node, chain:*</c> per line; an unknown chain or node stops the start with the line.</summary>
    public static PreExaminationScope Load(string file, ChainCatalog catalog)
    {
        var fields = new List<(string, List<(IndustryChain, ChainNode)>)>();
        var number = 0;
        foreach (var raw in File.ReadLines(file))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new ChainFileException(file, number, 1, "expected 'field name: chain:node, …'");
            }
            var nodes = new List<(IndustryChain, ChainNode)>();
            foreach (var reference in line[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = reference.Split(':', 2, StringSplitOptions.TrimEntries);
                var chain = parts.Length == 2 ? catalog.Find(parts[0]) : null;
                if (chain is null)
                {
                    throw new ChainFileException(file, number, colon + 2, $"unknown chain in '{reference}' (write chain:node or chain:*)");
                }
                if (parts[1] == "*")
                {
                    nodes.AddRange(chain.Nodes.Select(n => (chain, n)));
                    continue;
                }
                var node = chain.AllNodes.FirstOrDefault(n => n.Id == parts[1])
                    ?? throw new ChainFileException(file, number, colon + 2, $"chain {chain.Id} has no node '{parts[1]}'");
                nodes.Add((chain, node));
            }
            fields.Add((line[..colon].Trim(), nodes));
        }
        return new PreExaminationScope(fields);
    }

    public ScopeAnswer Check(string title, IReadOnlyList<IpcSuggestion> suggested)
    {
        var normalizedTitle = ChineseText.Normalize(title);
        var deciding = suggested.Where(s => s.Confidence >= MinConfidence).ToList();
        var answers = new List<ScopeFieldAnswer>();
        foreach (var (name, nodes) in _fields)
        {
            var matches = new List<ScopeMatch>();
            foreach (var (chain, node, codes, titleTerms) in nodes)
            {
                foreach (var suggestion in deciding)
                {
                    var subclass = suggestion.Subclass;
                    if (codes.FirstOrDefault(c => subclass.StartsWith(c, StringComparison.Ordinal)) is { } whole)
                    {
                        matches.Add(new(chain.Id, node.Id, node.Name, "ipc-whole", $"{subclass}（{suggestion.Confidence:0.00}）属于 {whole}"));
                    }
                    else if (codes.Where(c => c.StartsWith(subclass, StringComparison.Ordinal)).ToList() is { Count: > 0 } groups)
                    {
                        matches.Add(new(chain.Id, node.Id, node.Name, "ipc-part", $"{subclass}（{suggestion.Confidence:0.00}）中仅 {string.Join("、", groups.Take(6))} 属于该领域"));
                    }
                }
                foreach (var term in titleTerms.Where(t => normalizedTitle.Contains(t, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
                {
                    matches.Add(new(chain.Id, node.Id, node.Name, "title-keyword", $"名称含“{term}”"));
                }
            }
            var status = matches.Any(m => m.Basis is "ipc-whole" or "title-keyword") ? "in_scope" : matches.Count > 0 ? "partly" : "out_of_scope";
            answers.Add(new ScopeFieldAnswer(name, status, matches));
        }
        return new ScopeAnswer(suggested, answers, answers.Any(a => a.Status == "in_scope"), Notice);
    }

    /// <summary>The IPC codes and title words a node's query asks for; the excluded side of a NOT asks for nothing.</summary>
    private static void Collect(QueryNode node, List<string> codes, List<string> titleTerms)
    {
        switch (node)
        {
            case IpcNode ipc:
                codes.Add(ipc.Code);
                break;
            case TextNode { Field: SearchField.Title } text:
                titleTerms.Add(text.Text);
                break;
            case PhraseNode { Field: SearchField.Title } phrase:
                titleTerms.Add(phrase.Text);
                break;
            case AndNode and:
                and.Children.ToList().ForEach(c => Collect(c, codes, titleTerms));
                break;
            case OrNode or:
                or.Children.ToList().ForEach(c => Collect(c, codes, titleTerms));
                break;
            case NotNode not:
                Collect(not.Include, codes, titleTerms);
                break;
            case FilterNode filter:
                Collect(filter.Query, codes, titleTerms);
                Collect(filter.Filter, codes, titleTerms);
                break;
        }
    }
}
