using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Results;
using Beamtalk.ThreatModel.Grading;
using Beamtalk.ThreatModel.Rendering;
using Beamtalk.ThreatModel.Sections;

namespace Beamtalk.ThreatModel;

/// <summary>Writes docs/security/threat-model.md from the requirement catalogue and a results file.</summary>
public static class ThreatModelGenerator
{
    private static readonly Action<MarkdownWriter, DocumentContext>[] SectionsInOrder =
    [
        HeaderSection.Write,
        SummarySection.Write,
        StanceSection.Write,
        AssetsSection.Write,
        RequirementTablesSection.Write,
        RequirementDetailsSection.Write,
        CaveatsSection.Write,
        OperatorChecklistSection.Write,
        PrinciplesSection.Write,
        UnknownResultsSection.Write,
    ];

    /// <summary>
    /// The Markdown of the threat model. Deterministic: it depends on the catalogue and on the results'
    /// target name, verdicts, reasons, levels and test names and outcomes — never on run times,
    /// durations or the kit version — so regenerating from the same evidence changes nothing.
    /// </summary>
    /// <param name="resultsPath">How the document names its results file, e.g. "docs/security/results.json".</param>
    public static string Generate(IReadOnlyList<Requirement> catalogue, ConformanceResults results, string resultsPath)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsPath);

        var graded = GradedCatalogue.Join(catalogue, results);

        // Heading ids are Markdig's to decide (slug rules, "-1" suffixes for duplicates), so render once
        // to learn them, then render again with links to the ids Markdig actually assigned.
        var draft = Render(new DocumentContext(graded, results, resultsPath, HeadingAnchors.Draft));
        var anchors = HeadingAnchors.FromDraft(draft.ToString(), draft.HeadingLines);
        return Render(new DocumentContext(graded, results, resultsPath, anchors)).ToString();
    }

    private static MarkdownWriter Render(DocumentContext context)
    {
        var writer = new MarkdownWriter();
        foreach (var section in SectionsInOrder)
        {
            section(writer, context);
        }

        return writer;
    }
}
