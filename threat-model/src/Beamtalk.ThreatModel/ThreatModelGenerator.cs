using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;
using Beamtalk.ThreatModel.Document;
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
        EvidenceRunSection.Write,
        StanceSection.Write,
        AssetsSection.Write,
        RequirementTablesSection.Write,
        RequirementDetailsSection.Write,
        CaveatsSection.Write,
        OperatorChecklistSection.Write,
        PrinciplesSection.Write,
        LimitsSection.Write,
        UnknownResultsSection.Write,
    ];

    /// <summary>
    /// The Markdown of the threat model. Deterministic: the same catalogue and results file give the same
    /// bytes. Run facts (kit, catalogue version, commit, times, the file's hash) appear only in the evidence
    /// run section and in the run citation of each row; test durations and messages never appear.
    /// </summary>
    /// <param name="resultsPath">How the document names its results file, e.g. "docs/security/results.json".</param>
    /// <param name="resultsSha256">SHA-256 of the results file's bytes, in hex: the document cites the run by it.</param>
    public static string Generate(IReadOnlyList<Requirement> catalogue, ConformanceResults results, string resultsPath, string resultsSha256)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsPath);

        var graded = GradedCatalogue.Join(catalogue, results);
        if (resultsSha256.Length != 64 || !resultsSha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("The results hash must be 64 lower-case hex characters.", nameof(resultsSha256));
        }

        var sha256 = resultsSha256;

        // Heading ids are Markdig's to decide (slug rules, "-1" suffixes for duplicates), so render once
        // to learn them, then render again with links to the ids Markdig actually assigned.
        var draft = Render(new DocumentContext(graded, results, resultsPath, sha256, HeadingAnchors.Draft));
        var anchors = HeadingAnchors.FromDraft(draft.ToString(), draft.HeadingLines);
        return Render(new DocumentContext(graded, results, resultsPath, sha256, anchors)).ToString();
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
