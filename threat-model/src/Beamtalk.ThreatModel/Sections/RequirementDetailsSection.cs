using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Results;
using Beamtalk.ThreatModel.Document;
using Beamtalk.ThreatModel.Grading;
using Beamtalk.ThreatModel.Rendering;

namespace Beamtalk.ThreatModel.Sections;

/// <summary>One heading per requirement: what it says, where it comes from, and the evidence.</summary>
internal static class RequirementDetailsSection
{
    public static void Write(MarkdownWriter writer, DocumentContext context)
    {
        writer.Heading(2, "Requirement details", AnchorKeys.Details);
        foreach (var graded in context.Graded.Requirements)
        {
            WriteRequirement(writer, graded, context);
        }
    }

    /// <summary>The detail heading's text: the ID first, so readers and the validator can find it.</summary>
    public static string HeadingText(Requirement requirement) =>
        $"{MarkdownText.Escape(requirement.Id)} — {MarkdownText.Escape(requirement.Title)}";

    private static void WriteRequirement(MarkdownWriter writer, GradedRequirement graded, DocumentContext context)
    {
        var requirement = graded.Requirement;
        writer.Heading(3, HeadingText(requirement), AnchorKeys.Requirement(requirement.Id));

        var facts = new List<string>
        {
            $"**Level:** {CatalogueWording.Level(requirement.Level)}",
            $"**Statement:** {MarkdownText.Escape(requirement.Statement)}",
            $"**Source:** {MarkdownText.Escape(requirement.Source)}",
            $"**Principles:** {PrincipleList(requirement, context)}",
            $"**Threats:** {CatalogueWording.ThreatNames(requirement.Threats)} (STRIDE: {ThreatLetters(requirement.Threats)})",
            $"**How it is verified:** {MarkdownText.Escape(requirement.Verification)}",
            $"**Verdict:** {VerdictText.Display(graded.Verdict)}. **Reason:** {ReasonText(graded.Reason)}",
            $"**Evidence:** {RequirementTablesSection.Citation(graded, context)}",
        };
        if (graded.RecordedLevel is { } recorded)
        {
            facts.Add(
                $"**Level mismatch:** the results file grades this requirement as {CatalogueWording.Level(recorded)}; " +
                $"this document uses the catalogue's {CatalogueWording.Level(requirement.Level)}.");
        }

        if (graded.Tests.Count == 0)
        {
            facts.Add("**Tests:** no test yet.");
            writer.Bullets(facts);
            return;
        }

        facts.Add($"**Tests:** {graded.Tests.Count}, listed below.");
        writer.Bullets(facts);
        writer.Table(["Test", "Outcome", "Evidence"], graded.Tests.Select(TestRow));
    }

    /// <summary>The evidence is the test's own message: what it measured (a resolution, a seed, counts), so a reader can judge the verdict.</summary>
    public static IReadOnlyList<string> TestRow(TestRecord test) =>
        [MarkdownText.Escape(test.Name), CatalogueWording.Outcome(test.Outcome), string.IsNullOrWhiteSpace(test.Message) ? "none recorded" : MarkdownText.Escape(test.Message)];

    public static string ReasonText(string reason) =>
        string.IsNullOrWhiteSpace(reason) ? "none given." : MarkdownText.Escape(reason);

    private static string PrincipleList(Requirement requirement, DocumentContext context) =>
        requirement.Principles.Count == 0
            ? "none"
            : string.Join("; ", requirement.Principles.Select(p => $"{context.PrincipleLink(p)} {MarkdownText.Escape(Principles.Title(p))}"));

    private static string ThreatLetters(Stride threats) =>
        StrideNotation.Letters(threats) is { Length: > 0 } letters ? letters : "none";
}
