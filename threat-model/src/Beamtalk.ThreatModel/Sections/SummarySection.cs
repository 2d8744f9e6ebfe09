using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Results;
using Beamtalk.ThreatModel.Document;
using Beamtalk.ThreatModel.Grading;
using Beamtalk.ThreatModel.Rendering;

namespace Beamtalk.ThreatModel.Sections;

/// <summary>Verdict counts, the gate, and what the counts do not prove.</summary>
internal static class SummarySection
{
    public static void Write(MarkdownWriter writer, DocumentContext context)
    {
        var requirements = context.Graded.Requirements;
        writer.Heading(2, "Summary", AnchorKeys.Summary);
        writer.Paragraph(
            $"{requirements.Count} requirements from the conformance catalogue, graded against **{context.TargetName}**. " +
            $"Each one is described under {context.SectionLink(AnchorKeys.Details, "Requirement details")}.");

        writer.Table(
            ["Verdict", "Requirements", "What it means"],
            Enum.GetValues<Verdict>().Select(verdict => (IReadOnlyList<string>)
            [
                VerdictText.Display(verdict),
                requirements.Count(r => r.Verdict == verdict).ToString(System.Globalization.CultureInfo.InvariantCulture),
                CatalogueWording.VerdictMeaning(verdict),
            ]));

        WriteGate(writer, context);
        WriteUnproven(writer, context);
        WriteBrokenCaveats(writer, context);
        WriteJoinProblems(writer, context);
        WriteDigestRecipe(writer, context);
    }

    private static void WriteGate(MarkdownWriter writer, DocumentContext context)
    {
        if (context.Results.Gate.NotJudged is { Count: > 0 } notJudged)
        {
            // The run exited 2: neither "passes" nor "fails" would be true of it.
            writer.Paragraph($"**Gate: not judged.** The kit could not judge {string.Join(", ", notJudged.Select(context.RequirementLink))}, so the run proves neither a pass nor a failure of the gate.");
            return;
        }

        if (context.Results.Gate.Passed)
        {
            writer.Paragraph($"**Gate: passes.** The gate {MarkdownText.Escape(context.Results.Gate.Policy)}; none happened.");
            return;
        }

        // Catalogue order, not file order, so that reordering the results file changes nothing.
        var catalogueOrder = context.Graded.Requirements.Select(r => r.Id).ToList();
        var failed = context.Results.Requirements
            .Where(r => r.Level == RequirementLevel.Must && r.Verdict == Verdict.Fail)
            .Select(r => r.Id ?? string.Empty)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(id => catalogueOrder.IndexOf(id) is var index and >= 0 ? index : int.MaxValue)
            .ThenBy(id => id, StringComparer.Ordinal)
            .Select(context.RequirementLink);
        var reasons = context.Results.Gate.Reasons.Count == 0
            ? string.Empty
            : $" The run's gate gave: {MarkdownText.Escape(string.Join("; ", context.Results.Gate.Reasons.Order(StringComparer.Ordinal)))}.";
        writer.Paragraph($"**Gate: fails.** These MUST requirements failed: {string.Join(", ", failed)}.{reasons}");
    }

    private static void WriteUnproven(MarkdownWriter writer, DocumentContext context)
    {
        var unproven = context.Graded.Requirements
            .Where(r => r.Requirement.Level == RequirementLevel.Must && r.Verdict is Verdict.Missing or Verdict.Inconclusive)
            .ToList();
        if (unproven.Count == 0)
        {
            return;
        }

        var links = string.Join(", ", unproven.Select(r => $"{context.RequirementLink(r.Id)} ({VerdictText.Display(r.Verdict)})"));
        writer.Paragraph(
            $"**Not shown to hold:** {unproven.Count} MUST requirements are Missing or Inconclusive: {links}. " +
            "Neither verdict is a pass. The gate only fails on a failed MUST, so a passing gate says nothing about these requirements.");
    }

    private static void WriteBrokenCaveats(MarkdownWriter writer, DocumentContext context)
    {
        var broken = context.Graded.Requirements
            .Where(r => r.Requirement.Level == RequirementLevel.Caveat && r.Verdict == Verdict.Fail)
            .Select(r => context.RequirementLink(r.Id))
            .ToList();
        if (broken.Count > 0)
        {
            writer.Paragraph(
                $"**Caveats that no longer behave as documented:** {string.Join(", ", broken)}. " +
                "The gate does not count them, but the description of these accepted risks below is now wrong and needs review.");
        }
    }

    private static void WriteJoinProblems(MarkdownWriter writer, DocumentContext context)
    {
        var absent = context.Graded.Requirements.Where(r => !r.InResultsFile).ToList();
        if (absent.Count > 0)
        {
            writer.Paragraph(
                $"**Absent from the results file:** {string.Join(", ", absent.Select(r => context.RequirementLink(r.Id)))}. " +
                $"Each is graded Missing with the reason \"{GradedCatalogue.NotInResultsFile}\".");
        }

        var unmatched = context.Graded.Unmatched.Count;
        if (unmatched > 0)
        {
            writer.Paragraph(
                $"**Results the catalogue cannot place:** {unmatched}. They count toward nothing above and are listed under " +
                $"{context.SectionLink(AnchorKeys.UnknownResults, "Unknown results")}.");
        }
    }

    private static void WriteDigestRecipe(MarkdownWriter writer, DocumentContext context)
    {
        writer.Paragraph(
            "The verdict digest in the header is the first 16 hex characters of the SHA-256 of the results file's `ID=verdict` lines, " +
            "sorted by ID and joined by newlines without a final one. To check that this document matches a results file:");
        writer.CodeBlock("sh",
        [
            $"printf '%s' \"$(jq -r '.requirements[] | \"\\(.id)=\\(.verdict)\"' {ShellQuoted(context.ResultsPath)} \\",
            "  | LC_ALL=C sort -t= -k1,1)\" | sha256sum | cut -c1-16",
        ]);
    }

    private static string ShellQuoted(string text) => "'" + MarkdownText.OneLine(text).Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
