using System.Text.Json.Nodes;
using System.Xml.Linq;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate.Tests.Support;
using Beamtalk.Conformance.Reports;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Gate.Tests.Gate;

/// <summary>
/// A run the kit could not fully judge exits 2; its gate line must say so in every report, never PASS (nor a bare FAIL),
/// and results.json must not claim the gate passed.
/// </summary>
public sealed class NotJudgedGateTests
{
    private static readonly TestRecord Errored = new("T.errored", TestOutcome.Errored, "TargetStartException: create failed", 0.1);
    private static readonly TestRecord Passed = new("T.passed", TestOutcome.Passed, null, 0.1);
    private static readonly TestRecord Skipped = new("T.skipped", TestOutcome.Skipped, "X-C: cannot decide from the evidence", 0.1);

    private static RequirementResult Result(string id, Verdict verdict, params TestRecord[] tests) =>
        new(id, RequirementLevel.Must, "t", verdict, "r", tests);

    private static ConformanceResults Results(params RequirementResult[] requirements) =>
        new(ConformanceResults.CurrentSchemaVersion, new TargetInfo("fixture", "a fixture", null), new RunInfo(DateTimeOffset.UnixEpoch, 1, "0.0.0"), requirements)
        {
            Gate = Conformance.Gate.GatePolicy.Default.Decide(requirements, null),
        };

    [Fact]
    public void An_errored_test_leaves_its_requirement_not_judged_and_the_gate_not_passed()
    {
        var gate = Conformance.Gate.GatePolicy.Default.Decide(
            [Result("X-A", Verdict.Pass, Passed), Result("X-B", Verdict.Inconclusive, Errored), Result("X-C", Verdict.Inconclusive, Errored)], null);

        Assert.False(gate.Passed);
        Assert.Equal(["X-B", "X-C"], gate.NotJudged);
        Assert.Equal("not-judged", gate.Status);
        Assert.Equal("Gate: NOT JUDGED — 2 requirements could not be judged (X-B, X-C)", gate.Line);
    }

    [Fact]
    public void An_inconclusive_verdict_the_check_chose_is_judged_and_does_not_fail_the_default_gate()
    {
        var gate = Conformance.Gate.GatePolicy.Default.Decide([Result("X-C", Verdict.Inconclusive, Skipped)], null);

        Assert.True(gate.Passed);
        Assert.Empty(gate.NotJudged);
        Assert.StartsWith("Gate: PASS", gate.Line, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_judged_wins_over_a_failure_and_still_names_it()
    {
        var gate = Conformance.Gate.GatePolicy.Default.Decide([Result("X-A", Verdict.Fail, Errored, new TestRecord("T.failed", TestOutcome.Failed, "X-A: no", 0.1))], null);

        Assert.Equal("Gate: NOT JUDGED — 1 requirement could not be judged (X-A); also failing: X-A (MUST): Fail", gate.Line);
    }

    [Fact]
    public void Every_report_states_not_judged_in_its_gate_line()
    {
        var results = Results(Result("X-A", Verdict.Pass, Passed), Result("X-B", Verdict.Inconclusive, Errored));

        Assert.Contains("**Gate: NOT JUDGED**: 1 requirement could not be judged (X-B)", MarkdownReport.Write(results), StringComparison.Ordinal);
        Assert.DoesNotContain("Gate: PASS", MarkdownReport.Write(results), StringComparison.Ordinal);
        Assert.Contains("<p id=\"gate\" class=\"gate not-judged\">Gate: NOT JUDGED</p>", HtmlReport.Write(results), StringComparison.Ordinal);
        Assert.DoesNotContain("Gate: PASS", HtmlReport.Write(results), StringComparison.Ordinal);

        var junit = XDocument.Parse(JUnitReport.Write(results)).Root!.Element("testsuite")!;
        Assert.StartsWith("Gate: NOT JUDGED", junit.Element("system-out")!.Value, StringComparison.Ordinal);
        Assert.Equal("not-judged", junit.Element("properties")!.Elements("property").Single(p => (string?)p.Attribute("name") == "gate").Attribute("value")!.Value);

        var sarif = JsonNode.Parse(SarifReport.Write(results, new SarifContext(null)))!["runs"]![0]!;
        Assert.Equal("not-judged", sarif["properties"]!["gate"]!.GetValue<string>());
        Assert.False(sarif["invocations"]![0]!["executionSuccessful"]!.GetValue<bool>());
        Assert.StartsWith("Gate: NOT JUDGED", sarif["invocations"]![0]!["toolExecutionNotifications"]![0]!["message"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var json = JsonNode.Parse(ResultsJson.Serialize(results))!["gate"]!;
        Assert.False(json["passed"]!.GetValue<bool>());
        Assert.Equal(["X-B"], json["notJudged"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["X-B"], ResultsJson.Deserialize(ResultsJson.Serialize(results), "round trip").Gate.NotJudged);
    }

    [Fact]
    public async Task A_not_judged_run_s_reports_pass_their_validators()
    {
        using var directory = new TempDirectory("not-judged");
        ReportSet.WriteAll(Results(Result("X-A", Verdict.Pass, Passed), Result("X-B", Verdict.Inconclusive, Errored)), directory.Path, new SarifContext(null));

        var errors = (await Validators.SarifErrorsAsync(directory.File("results.sarif")))
            .Concat(await Validators.ResultsSchemaErrorsAsync(directory.File("results.json")))
            .Concat(Validators.JUnitErrors(directory.File("junit.xml")))
            .ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Results_written_before_not_judged_existed_read_as_judged()
    {
        var results = Results(Result("X-A", Verdict.Pass, Passed));
        var old = JsonNode.Parse(ResultsJson.Serialize(results))!;
        old["gate"]!.AsObject().Remove("notJudged");

        var read = ResultsJson.Deserialize(old.ToJsonString(), "old");

        Assert.Empty(read.Gate.NotJudged);
        Assert.Equal("Gate: PASS", read.Gate.Headline);
    }
}
