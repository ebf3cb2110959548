using System.Text.Json;

namespace PatentNav.Evaluation;

/// <summary>Known-item query sets from gold keyphrases (kppatent-tac.jsonl): each patent should come back for its own keyphrases.</summary>
public static class KeyphraseSets
{
    public const int MaxKeyphrases = 10;

    public static (List<EvaluationQuery> Novelty, List<EvaluationQuery> Expert) Build(string tacJsonl)
    {
        var novelty = new List<EvaluationQuery>();
        var expert = new List<EvaluationQuery>();
        foreach (var line in File.ReadLines(tacJsonl))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var id = root.GetProperty("id").GetString()!;
            var phrases = root.TryGetProperty("keyphrases", out var kp)
                ? kp.EnumerateArray().Select(p => p.GetString()!.Replace("\"", "", StringComparison.Ordinal).Trim()).Where(p => p.Length > 0).Distinct().Take(MaxKeyphrases).ToList()
                : [];
            if (phrases.Count == 0)
            {
                continue;
            }
            novelty.Add(new EvaluationQuery(string.Join("，", phrases), [id], "keyphrase"));
            expert.Add(new EvaluationQuery("KW=(" + string.Join(" OR ", phrases.Select(p => "\"" + p + "\"")) + ")", [id], "keyphrase"));
        }
        return (novelty, expert);
    }
}
