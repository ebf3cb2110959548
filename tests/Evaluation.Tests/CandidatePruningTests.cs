using PatentNav.Core.Novelty;
using PatentNav.Tests;

namespace PatentNav.Evaluation.Tests;

/// <summary>Key terms common to many documents leave the candidate query but still score and explain every hit.</summary>
public sealed class CandidatePruningTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("patentnav-eval-pruning-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Common_terms_do_not_choose_candidates_but_hits_keep_the_scores_coverage_and_words_of_all_terms()
    {
        using var index = SmokeIndex.Build(_dir, [Path.Combine(RepoPaths.Demo, "kppatent-tac.jsonl")]);
        var queries = QuerySet.Load(Path.Combine(RepoPaths.Root, "eval", "queries", "engineer-broad.jsonl")).Take(12).ToList();
        var pruning = new NoveltySearch(index);
        var everyTerm = new NoveltySearch(index) { CandidateMaxDocumentShare = 1 };
        var prunedSomewhere = false;
        var commonWordShown = false;

        foreach (var query in queries)
        {
            var request = new NoveltyRequest { Text = query.Query, Size = 10 };
            var pruned = await pruning.SearchAsync(request);
            var full = await everyTerm.SearchAsync(request);
            var terms = pruned.Terms.Where(t => t.DocumentFrequency > 0 && t.Weight > 0).ToList();
            var common = terms.Except(pruning.CandidateTerms(terms)).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
            prunedSomewhere |= common.Count > 0;
            commonWordShown |= pruned.Hits.Any(h => h.MatchedTerms.Any(common.Contains));

            Assert.Equal(full.Hits[0].Id, pruned.Hits[0].Id);
            var byId = full.Hits.ToDictionary(h => h.Id, StringComparer.Ordinal);
            foreach (var hit in pruned.Hits.Where(h => byId.ContainsKey(h.Id)))
            {
                // Coverage, relevance and the words shown are read from every key term, chosen or not.
                Assert.Equal(byId[hit.Id].Coverage, hit.Coverage);
                Assert.Equal(byId[hit.Id].Relevance, hit.Relevance);
                Assert.Equal(byId[hit.Id].MatchedTerms, hit.MatchedTerms);
            }
        }
        Assert.True(prunedSomewhere, "some description has a term in more than 2 % of the documents");
        Assert.True(commonWordShown, "a common word still shows among a hit's matched words");
    }
}
