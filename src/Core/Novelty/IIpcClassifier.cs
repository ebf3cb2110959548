namespace PatentNav.Core.Novelty;

/// <summary>A supervised IPC subclass model: subclasses for a text with probabilities, best first.</summary>
public interface IIpcClassifier
{
    IReadOnlyList<IpcSuggestion> Suggest(string text, int top = 5);
}
