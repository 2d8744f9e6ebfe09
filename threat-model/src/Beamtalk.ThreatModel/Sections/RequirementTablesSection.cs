using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Results;
using Beamtalk.ThreatModel.Document;
using Beamtalk.ThreatModel.Grading;
using Beamtalk.ThreatModel.Rendering;

namespace Beamtalk.ThreatModel.Sections;

/// <summary>One overview table per requirement family, in catalogue order.</summary>
internal static class RequirementTablesSection
{
    public static void Write(MarkdownWriter writer, DocumentContext context)
    {
        writer.Heading(2, "Requirements by family");
        writer.Paragraph(
            "One table per family, in catalogue order. Each ID links to the requirement's details. " +
            "STRIDE letters: Spoofing, Tampering, Repudiation, Information disclosure, Denial of service, Elevation of privilege.");

        foreach (var family in context.Families)
        {
            writer.Heading(3, $"{MarkdownText.Escape(family)} — {MarkdownText.Escape(CatalogueWording.FamilyTitle(family))}", AnchorKeys.Family(family));
            writer.Table(
                ["ID", "Level", "Requirement", "Verdict", "Principles", "STRIDE", "Evidence"],
                context.Graded.Requirements
                    .Where(r => r.Requirement.Family == family)
                    .Select(r => Row(r, context)));
        }
    }

    private static IReadOnlyList<string> Row(GradedRequirement graded, DocumentContext context)
    {
        var requirement = graded.Requirement;
        return
        [
            context.RequirementLink(requirement.Id),
            CatalogueWording.Level(requirement.Level),
            MarkdownText.Escape(requirement.Title),
            VerdictText.Display(graded.Verdict),
            PrincipleLinks(requirement.Principles, context),
            StrideNotation.Letters(requirement.Threats),
            Citation(graded, context),
        ];
    }

    /// <summary>The run the verdict comes from, and the waiver that accepted it, if any.</summary>
    public static string Citation(GradedRequirement graded, DocumentContext context)
    {
        var waiver = context.Results.Requirements.FirstOrDefault(r => r.Id == graded.Id)?.Waiver;
        return waiver is null
            ? context.RunLink
            : $"{context.RunLink}; {context.SectionLink(AnchorKeys.AcceptedRisks, $"waived until {waiver.Expires:yyyy-MM-dd}")}";
    }

    public static string PrincipleLinks(IReadOnlyList<Principle> principles, DocumentContext context) =>
        principles.Count == 0 ? "none" : string.Join(", ", principles.Select(context.PrincipleLink));
}
