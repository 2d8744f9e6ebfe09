using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Results;
using Beamtalk.ThreatModel.Document;
using Beamtalk.ThreatModel.Rendering;

namespace Beamtalk.ThreatModel.Sections;

/// <summary>What a reader must not conclude from these verdicts, so that a green table is not read as more than it is.</summary>
internal static class LimitsSection
{
    public static void Write(MarkdownWriter writer, DocumentContext context)
    {
        writer.Heading(2, "What these results do not prove", AnchorKeys.Limits);
        var limits = new List<string>();

        var undecided = context.Graded.Requirements.Count(r => r.Verdict is Verdict.Missing or Verdict.Inconclusive);
        if (undecided > 0)
        {
            limits.Add($"Nothing about the {undecided} requirements that are Missing or Inconclusive: they were not shown to hold, nor to fail.");
        }

        if (context.Results.Run?.Selection is { } selection && selection != Beamtalk.Conformance.Gate.RequirementSelection.Everything.Describe())
        {
            limits.Add($"Nothing about requirements outside the run's selection ({MarkdownText.Code(selection)}): they appear as Missing.");
        }

        var waived = context.Graded.Requirements.Count(r => r.Verdict == Verdict.AcceptedRisk);
        if (waived > 0)
        {
            limits.Add($"That the {waived} accepted risks are acceptable: a waiver records the operator's judgement and its expiry, not evidence.");
        }

        limits.AddRange(
        [
            "That the loopback boundary stops local attackers. A Pass on NET-LOOPBACK shows no other host can connect; " +
                "any process of the same OS user, or root, can still read the cookie file and connect.",
            "That the implementation is free of defects the catalogue does not name. The suite checks the listed requirements " +
                "from outside; it is not a code review, and a requirement with no known-bad fixture in the kit's self-tests would deserve less trust.",
            "That properties hold for every input. Fuzzing and property tests sample inputs (their seeds are in the results); " +
                "timing checks can only see differences larger than the resolution they report.",
            "That the results hold on another machine, kernel, configuration or version. They describe the target revision and host " +
                "of the evidence run above; container and browser results hold only for the engines they ran with.",
            "Anything about what an authenticated session does. Inside the boundary a valid cookie is full code execution by design.",
        ]);
        writer.Bullets(limits);
    }
}
