using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Gate.Tests.Gate;

public sealed class WaiverTests
{
    private static readonly DateOnly Expiry = new(2027, 1, 31);

    private static RequirementResult Result(string id, Verdict verdict, RequirementLevel level = RequirementLevel.Must) =>
        new(id, level, "title", verdict, "reason", []);

    private static Waiver Waiver(string id) => new(id, "because", Expiry, "owner", "T-1");

    [Fact]
    public void A_waiver_is_in_force_through_its_expiry_day_and_not_after()
    {
        Assert.True(Waiver("X-A").IsInForceOn(Expiry));
        Assert.False(Waiver("X-A").IsInForceOn(Expiry.AddDays(1)));
    }

    [Theory]
    [InlineData(Verdict.Fail)]
    [InlineData(Verdict.NonStrict)]
    public void A_failure_in_force_becomes_accepted_risk_and_keeps_what_it_was(Verdict failed)
    {
        var (results, outcomes) = Waivers.Apply([Result("X-A", failed)], [Waiver("X-A")], Expiry);

        Assert.Equal(Verdict.AcceptedRisk, results[0].Verdict);
        Assert.Equal(VerdictText.Display(failed), results[0].Waiver!.WaivedVerdict);
        Assert.Equal(WaiverState.Applied, Assert.Single(outcomes).State);
        Assert.True(GatePolicy.Default.Decide(results, null).Passed);
    }

    [Fact]
    public void An_expired_waiver_changes_nothing_and_the_gate_fails()
    {
        var (results, outcomes) = Waivers.Apply([Result("X-A", Verdict.Fail)], [Waiver("X-A")], Expiry.AddDays(1));

        Assert.Equal(Verdict.Fail, results[0].Verdict);
        Assert.Null(results[0].Waiver);
        Assert.Equal(WaiverState.Expired, Assert.Single(outcomes).State);
        Assert.False(GatePolicy.Default.Decide(results, null).Passed);
    }

    [Theory]
    [InlineData(Verdict.Pass)]
    [InlineData(Verdict.Missing)]
    [InlineData(Verdict.Inconclusive)]
    [InlineData(Verdict.Caveat)]
    public void A_waiver_cannot_touch_what_did_not_fail_and_is_stale(Verdict verdict)
    {
        var (results, outcomes) = Waivers.Apply([Result("X-A", verdict)], [Waiver("X-A")], Expiry);

        Assert.Equal(verdict, results[0].Verdict);
        Assert.Equal(WaiverState.Stale, Assert.Single(outcomes).State);
    }

    [Fact]
    public void A_waiver_for_an_unselected_requirement_is_reported_as_such()
    {
        var (_, outcomes) = Waivers.Apply([Result("X-A", Verdict.Pass)], [Waiver("X-B")], Expiry);

        Assert.Equal(WaiverState.NotSelected, Assert.Single(outcomes).State);
    }

    [Fact]
    public void Json_and_yaml_waiver_files_read_the_same()
    {
        const string json = """{ "waivers": [ { "id": "NET-LOOPBACK", "justification": "because", "expires": "2027-01-31", "owner": "o", "ticket": "T-1" } ] }""";
        const string yaml = "waivers:\n  - id: NET-LOOPBACK\n    justification: because\n    expires: 2027-01-31\n    owner: o\n    ticket: T-1\n";

        var fromJson = WaiverFile.Parse(json, "w.json", yaml: false, RequirementCatalogue.All, PublishedIds.Current);
        var fromYaml = WaiverFile.Parse(yaml, "w.yaml", yaml: true, RequirementCatalogue.All, PublishedIds.Current);

        Assert.Equal(fromJson, fromYaml);
        Assert.Equal(new Waiver("NET-LOOPBACK", "because", Expiry, "o", "T-1"), Assert.Single(fromJson));
    }

    [Theory]
    [InlineData("""{ "waivers": [ { "id": "NET-LOOPBACK", "justification": true, "expires": "2027-01-31" } ] }""", "'justification' must be a string")]
    [InlineData("""{ "waivers": [ { "id": "NET-LOOPBACK", "justification": "x", "expires": "2027-02-30" } ] }""", "is not a date")]
    [InlineData("""{ "waivers": {} }""", "'waivers' must be a list")]
    [InlineData("""{ "waiver": [] }""", "unknown top-level field 'waiver'")]
    [InlineData("""[]""", "a waiver file is an object")]
    [InlineData("""{ "waivers": [ { "id": "NET-LOOPBACK", "justification": "x", "expires": "2027-01-31" }, { "id": "NET-LOOPBACK", "justification": "y", "expires": "2027-01-31" } ] }""", "waived more than once")]
    public void Invalid_json_waivers_name_the_problem(string json, string problem)
    {
        var error = Assert.Throws<GateInputException>(() => WaiverFile.Parse(json, "w.json", yaml: false, RequirementCatalogue.All, PublishedIds.Current));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("w.json", error.Message, StringComparison.Ordinal);
    }
}
