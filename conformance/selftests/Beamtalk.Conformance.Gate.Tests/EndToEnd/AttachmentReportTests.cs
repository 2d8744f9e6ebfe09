using System.Text.Json.Nodes;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Gate.Tests.Support;
using Beamtalk.Conformance.Reports;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Gate.Tests.EndToEnd;

/// <summary>A test's saved evidence (a screenshot) reaches results.json within the published schema and becomes a link in both reports.</summary>
public sealed class AttachmentReportTests : IDisposable
{
    private const string Screenshot = "screenshots/BR-REBINDING.rebound-page.reference.png";

    private readonly string _folder = Directory.CreateTempSubdirectory("btc-attachments-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ConformanceResults WithAttachment(string path) => new(
        ConformanceResults.CurrentSchemaVersion,
        new TargetInfo("reference", "The reference.", null),
        new RunInfo(DateTimeOffset.UnixEpoch, 1, "0.0.0"),
        [
            new RequirementResult("BR-REBINDING", RequirementLevel.Must, "DNS rebinding fails", Verdict.Pass, "1 test passed.",
                [new TestRecord("Suite.Browser", TestOutcome.Passed, "BR-REBINDING: refused.", 1) { Attachments = [path] }]),
        ]);

    [Fact]
    public async Task Attachments_validate_against_the_schema_and_are_linked_from_both_reports()
    {
        ReportSet.WriteAll(WithAttachment(Screenshot), _folder, new SarifContext(null));

        var errors = await Validators.ResultsSchemaErrorsAsync(Path.Combine(_folder, "results.json"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Contains($"<a href=\"{Screenshot}\">", await File.ReadAllTextAsync(Path.Combine(_folder, "report.html"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains($"]({Screenshot})", await File.ReadAllTextAsync(Path.Combine(_folder, "report.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../outside.png")]
    [InlineData("screenshots/../../outside.png")]
    [InlineData("file:///etc/passwd")]
    public async Task The_schema_rejects_attachments_outside_the_output_folder(string path)
    {
        var results = JsonNode.Parse(ResultsJson.Serialize(WithAttachment(Screenshot)))!;
        results["requirements"]![0]!["tests"]![0]!["attachments"] = new JsonArray(path);
        var file = Path.Combine(_folder, "results.json");
        await File.WriteAllTextAsync(file, results.ToJsonString(), TestContext.Current.CancellationToken);

        Assert.NotEmpty(await Validators.ResultsSchemaErrorsAsync(file));
    }
}
