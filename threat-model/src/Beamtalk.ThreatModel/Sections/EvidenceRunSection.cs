using System.Globalization;
using Beamtalk.ThreatModel.Document;
using Beamtalk.ThreatModel.Rendering;

namespace Beamtalk.ThreatModel.Sections;

/// <summary>The one run every verdict in this document comes from, with what an auditor needs to find and check it.</summary>
internal static class EvidenceRunSection
{
    public static void Write(MarkdownWriter writer, DocumentContext context)
    {
        var results = context.Results;
        var run = results.Run;
        writer.Heading(2, "Evidence run", AnchorKeys.EvidenceRun);
        writer.Paragraph(
            $"Every verdict in this document comes from one run of the conformance suite, cited in each row as {MarkdownText.Code(context.RunId)}. " +
            "To check that a results file is that run's, its SHA-256 (`sha256sum FILE`) must equal the hash below.");
        writer.Table(
            ["Fact", "Value"],
            [
                ["Results file", MarkdownText.Escape(context.ResultsPath)],
                ["Results SHA-256", MarkdownText.Code(context.ResultsSha256)],
                ["Target", $"**{context.TargetName}**: {MarkdownText.Escape(results.Target?.Description ?? string.Empty)}"],
                ["Target revision", Code(results.Target?.Revision)],
                ["Kit version", Code(run?.KitVersion)],
                ["Kit commit", Code(run?.KitCommit)],
                ["Catalogue version", Code(run?.CatalogueVersion)],
                ["Started (UTC)", run is null ? "not recorded" : Time(run.StartedAt)],
                ["Finished (UTC)", run?.FinishedAt is { } finished ? Time(finished) : "not recorded"],
                ["Selection", Code(run?.Selection)],
                ["Gate policy", MarkdownText.Escape(results.Gate.Policy)],
            ]);
    }

    /// <summary>Run facts come from the results file, so they are escaped like any other text from it.</summary>
    private static string Code(string? value) => value is { Length: > 0 } text ? MarkdownText.Escape(text) : "not recorded";

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
