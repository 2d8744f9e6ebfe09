using Beamtalk.Conformance.Results;
using Beamtalk.ThreatModel.Document;
using Beamtalk.ThreatModel.Grading;
using Beamtalk.ThreatModel.Rendering;

namespace Beamtalk.ThreatModel.Sections;

/// <summary>Results the catalogue cannot place, so that nothing in the results file is dropped silently.</summary>
internal static class UnknownResultsSection
{
    public static void Write(MarkdownWriter writer, DocumentContext context)
    {
        writer.Heading(2, "Unknown results", AnchorKeys.UnknownResults);
        if (context.Graded.Unmatched.Count == 0)
        {
            writer.Paragraph("None: every result in the results file belongs to exactly one catalogue requirement.");
            return;
        }

        writer.Paragraph(
            "These entries of the results file match no catalogue requirement, or repeat one. They count toward nothing above. " +
            "A catalogue older than the suite that produced the file is the usual cause.");
        writer.Table(
            ["ID", "Level", "Title", "Verdict", "Reason", "Why it is listed here"],
            context.Graded.Unmatched.Select(u => (IReadOnlyList<string>)
            [
                u.Result.Id is { Length: > 0 } id ? MarkdownText.Escape(id) : "(no ID)",
                CatalogueWording.Level(u.Result.Level),
                MarkdownText.Escape(u.Result.Title),
                VerdictText.Display(u.Result.Verdict),
                RequirementDetailsSection.ReasonText(u.Result.Reason ?? string.Empty),
                u.WhyUnmatched,
            ]));
    }
}
