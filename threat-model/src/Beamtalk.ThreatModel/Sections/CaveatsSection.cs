using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Results;
using Beamtalk.ThreatModel.Document;
using Beamtalk.ThreatModel.Grading;
using Beamtalk.ThreatModel.Rendering;

namespace Beamtalk.ThreatModel.Sections;

/// <summary>Risks the design accepts or the operator waived, each with the evidence that shows it.</summary>
internal static class CaveatsSection
{
    public static void Write(MarkdownWriter writer, DocumentContext context)
    {
        writer.Heading(2, "Caveats and accepted risks", AnchorKeys.Caveats);
        writer.Paragraph(
            "A CAVEAT requirement is a risk the design accepts on purpose. Its test shows the risk still behaves as documented; " +
            "if the behaviour changes the verdict is Fail, because the documentation would then be wrong. " +
            "An Accepted risk verdict is a failure the operator has waived, with a justification and an expiry date.");

        var listed = context.Graded.Requirements
            .Where(r => r.Requirement.Level == RequirementLevel.Caveat || r.Verdict == Verdict.AcceptedRisk)
            .ToList();
        if (listed.Count == 0)
        {
            writer.Paragraph("The catalogue has no CAVEAT requirement and no verdict is an accepted risk.");
        }
        else
        {
            writer.Table(
                ["ID", "Level", "Risk", "Verdict", "Reason", "Shown by"],
                listed.Select(r => (IReadOnlyList<string>)
                [
                    context.RequirementLink(r.Id),
                    CatalogueWording.Level(r.Requirement.Level),
                    MarkdownText.Escape(r.Requirement.Title),
                    VerdictText.Display(r.Verdict),
                    RequirementDetailsSection.ReasonText(r.Reason),
                    ShownBy(r),
                ]));
        }

        WriteWaivers(writer, context);
        WriteRootInContainer(writer, context);
        WriteUntestedDesignRisks(writer);
    }

    private static string ShownBy(GradedRequirement graded) =>
        graded.Tests.Count == 0
            ? "no test yet"
            : string.Join("; ", graded.Tests.Select(t => $"{MarkdownText.Escape(t.Name)} ({CatalogueWording.Outcome(t.Outcome)})"));

    private static void WriteWaivers(MarkdownWriter writer, DocumentContext context)
    {
        writer.Heading(3, "Accepted risks", AnchorKeys.AcceptedRisks);
        var waived = context.Results.Requirements.Where(r => r.Waiver is not null).ToList();
        if (waived.Count == 0)
        {
            writer.Paragraph("None: the evidence run applied no waiver.");
        }
        else
        {
            writer.Paragraph(
                "Failures the operator accepted with a waiver. Each one stops counting against the gate only until its expiry date (UTC); " +
                "from the next day the failure counts again.");
            writer.Table(
                ["ID", "Waived verdict", "Justification", "Expires", "Owner", "Ticket"],
                waived.Select(r => (IReadOnlyList<string>)
                [
                    context.RequirementLink(r.Id),
                    MarkdownText.Escape(r.Waiver!.WaivedVerdict),
                    MarkdownText.Escape(r.Waiver.Justification),
                    r.Waiver.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    MarkdownText.Escape(r.Waiver.Owner ?? "not given"),
                    MarkdownText.Escape(r.Waiver.Ticket ?? "not given"),
                ]));
        }

        var ineffective = context.Results.Waivers.Where(w => w.State != Beamtalk.Conformance.Gate.WaiverState.Applied).ToList();
        if (ineffective.Count > 0)
        {
            writer.Bullets(ineffective.Select(w =>
                $"Waiver for {context.RequirementLink(w.Id)}: {MarkdownText.Escape(w.State.ToString().ToLowerInvariant())}. {MarkdownText.Escape(w.Note)}"));
        }
    }

    private static void WriteRootInContainer(MarkdownWriter writer, DocumentContext context)
    {
        writer.Heading(3, "Running as root in a container", AnchorKeys.RootInContainer);
        writer.Paragraph(
            "File modes do not bind root. When the workspace runs as root, as it does in many CI and Docker images, " +
            "any other root process can read the 0600 cookie, so the file mode protects nothing. " +
            "Loopback binding is then the real protection: treat the cookie as readable by everything in the container, " +
            "keep the REPL port on the container's own loopback, and prefer running the workspace as a non-root user.");

        WriteEvidence(writer, context, DocumentedCaveat.RootInContainer);
        writer.Paragraph(
            "Host networking collapses that protection. With host networking (docker run --network host) the container's loopback is the host's, so every " +
            "process on the host reaches the REPL port and the cookie is the only gate left. On Docker's default bridge, publishing " +
            "the port reaches nothing while the workspace listens on the container's loopback; a workspace listening on all " +
            "interfaces would be exposed by it.");
        WriteEvidence(writer, context, DocumentedCaveat.HostNetwork);
    }

    /// <summary>The requirements the catalogue says demonstrate the caveat: the accepted risk first, then the MUSTs that bound it.</summary>
    private static void WriteEvidence(MarkdownWriter writer, DocumentContext context, DocumentedCaveat caveat)
    {
        var evidence = RequirementCatalogue.All
            .Where(r => r.Demonstrates == caveat)
            .OrderBy(r => r.Level == RequirementLevel.Caveat ? 0 : 1)
            .Select(r => context.RequirementWithVerdict(r.Id))
            .OfType<string>()
            .ToList();
        writer.Paragraph(evidence.Count == 0
            ? "Evidence: the catalogue has no container requirement for this."
            : $"Evidence: {string.Join(", ", evidence)}.");
    }

    private static void WriteUntestedDesignRisks(MarkdownWriter writer)
    {
        writer.Heading(3, "Accepted by design and not tested here");
        writer.Bullets(
        [
            "One secret, two doors: the workspace cookie is also the Erlang distribution cookie, so whoever holds it can join " +
                "the workspace's Erlang cluster as well as use the REPL.",
            "No record of evaluated code: connections and failed authentications are logged, but not what an authenticated " +
                "session ran, so there is nothing to examine after an incident.",
            "No multi-user mode: a workspace belongs to one developer. Sharing one between people turns the cookie into a " +
                "shared password with no way to tell them apart.",
        ]);
    }
}
