using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;
using Beamtalk.ThreatModel.Grading;
using Beamtalk.ThreatModel.Rendering;

namespace Beamtalk.ThreatModel.Document;

/// <summary>Everything a section needs to write itself, and the links between sections.</summary>
internal sealed class DocumentContext(
    GradedCatalogue graded,
    ConformanceResults results,
    string resultsPath,
    string resultsSha256,
    HeadingAnchors anchors)
{
    public GradedCatalogue Graded { get; } = graded;

    public ConformanceResults Results { get; } = results;

    public string ResultsPath { get; } = resultsPath;

    /// <summary>SHA-256 of the results file the document was generated from, in lower-case hex.</summary>
    public string ResultsSha256 { get; } = resultsSha256;

    /// <summary>How rows cite the run: "run " and the first 12 hex characters of the results file's SHA-256.</summary>
    public string RunId => $"run {ResultsSha256[..12]}";

    public string RunLink => $"[{RunId}]({Anchors.Href(AnchorKeys.EvidenceRun)})";

    public HeadingAnchors Anchors { get; } = anchors;

    /// <summary>Families in the order they first appear in the catalogue.</summary>
    public IReadOnlyList<string> Families { get; } =
        graded.Requirements.Select(r => r.Requirement.Family).Distinct(StringComparer.Ordinal).ToList();

    public string TargetName => MarkdownText.Escape(Results.Target?.Name is { Length: > 0 } name ? name : "an unnamed target");

    /// <summary>A link to the requirement's details, or the bare ID when the catalogue lacks it.</summary>
    public string RequirementLink(string id) =>
        Graded.Contains(id) ? $"[{MarkdownText.Escape(id)}]({Anchors.Href(AnchorKeys.Requirement(id))})" : MarkdownText.Escape(id);

    public string PrincipleLink(Principle principle) => $"[{principle}]({Anchors.Href(AnchorKeys.Principle(principle))})";

    public string FamilyLink(string family) =>
        Families.Contains(family, StringComparer.Ordinal)
            ? $"[{MarkdownText.Escape(family)}]({Anchors.Href(AnchorKeys.Family(family))})"
            : MarkdownText.Escape(family);

    public string SectionLink(string key, string text) => $"[{MarkdownText.Escape(text)}]({Anchors.Href(key)})";

    /// <summary>"[ID](#…) (Verdict)", or nothing when the catalogue lacks the ID.</summary>
    public string? RequirementWithVerdict(string id)
    {
        var graded = Graded.Requirements.FirstOrDefault(r => r.Id == id);
        return graded is null ? null : $"{RequirementLink(id)} ({VerdictText.Display(graded.Verdict)})";
    }
}
