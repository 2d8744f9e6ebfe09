using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Results;
using Beamtalk.ThreatModel.Document;
using Beamtalk.ThreatModel.Grading;
using Beamtalk.ThreatModel.Rendering;

namespace Beamtalk.ThreatModel.Sections;

/// <summary>The six principles of ADR 0058, each with the requirements that serve it.</summary>
internal static class PrinciplesSection
{
    public static void Write(MarkdownWriter writer, DocumentContext context)
    {
        writer.Heading(2, "The six principles", AnchorKeys.Principles);
        writer.Paragraph("New features are judged against these principles. Under each one are the requirements that check it.");
        foreach (var principle in Enum.GetValues<Principle>())
        {
            writer.Heading(3, $"{principle} — {MarkdownText.Escape(Principles.Title(principle))}", AnchorKeys.Principle(principle));
            var serving = context.Graded.Requirements.Where(r => r.Requirement.Principles.Contains(principle)).ToList();
            if (serving.Count == 0)
            {
                writer.Paragraph("No catalogue requirement checks this principle yet.");
                continue;
            }

            writer.Bullets(serving.Select(r =>
                $"{context.RequirementLink(r.Id)} — {MarkdownText.Escape(r.Requirement.Title)} " +
                $"({CatalogueWording.Level(r.Requirement.Level)}, {VerdictText.Display(r.Verdict)})"));
        }
    }
}
