using Markdig.Syntax;

namespace Beamtalk.ThreatModel.Rendering;

/// <summary>
/// Maps the generator's anchor keys (e.g. "requirement:NET-LOOPBACK") to the heading ids Markdig
/// assigns. The ids are read from a parsed draft of the document rather than recomputed, so
/// slug rules and duplicate suffixes ("-1") always agree with Markdig.
/// </summary>
internal sealed class HeadingAnchors
{
    // Draft links only need to be syntactically valid; heading ids do not depend on them.
    private const string DraftTarget = "#draft";

    private readonly IReadOnlyDictionary<string, string>? idByKey;

    private HeadingAnchors(IReadOnlyDictionary<string, string>? idByKey) => this.idByKey = idByKey;

    /// <summary>For the first rendering, before any heading id is known.</summary>
    public static HeadingAnchors Draft { get; } = new(null);

    public static HeadingAnchors FromDraft(string draftMarkdown, IReadOnlyDictionary<string, int> headingLineByKey)
    {
        var idByLine = ThreatModelMarkdown.Parse(draftMarkdown)
            .Descendants<HeadingBlock>()
            .Where(h => ThreatModelMarkdown.IdOf(h) is not null)
            .ToDictionary(h => h.Line, h => ThreatModelMarkdown.IdOf(h)!);

        var idByKey = headingLineByKey.ToDictionary(
            entry => entry.Key,
            entry => idByLine.TryGetValue(entry.Value, out var id)
                ? id
                : throw new InvalidOperationException($"The heading for '{entry.Key}' at line {entry.Value + 1} got no id."),
            StringComparer.Ordinal);
        return new HeadingAnchors(idByKey);
    }

    /// <summary>The link target, "#id", of the heading written with this key.</summary>
    public string Href(string key)
    {
        if (idByKey is null)
        {
            return DraftTarget;
        }

        return idByKey.TryGetValue(key, out var id)
            ? "#" + id
            : throw new InvalidOperationException($"No heading was written for anchor '{key}'.");
    }
}
