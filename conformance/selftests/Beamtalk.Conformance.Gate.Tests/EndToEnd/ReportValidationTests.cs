using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Beamtalk.Conformance.Gate.Tests.Support;

namespace Beamtalk.Conformance.Gate.Tests.EndToEnd;

/// <summary>
/// Every report of every scenario, read by a consumer or validator that is not this kit's code:
/// Microsoft's SARIF validator with GitHub's ingestion rules, an XSD validator for JUnit, a JSON
/// Schema validator for results.json. Each validator is also shown to reject a broken report, so
/// a silent validator cannot make these tests pass.
/// </summary>
public sealed class ReportValidationTests(GateScenarios scenarios)
{
    public static TheoryData<string> Scenarios => ["reference", "failing", "waived", "expired", "regressed"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Sarif_has_no_errors_for_the_sarif_and_github_rules(string name)
    {
        var errors = await Validators.SarifErrorsAsync(Scenario(name).File("results.sarif"));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Results_json_validates_against_the_published_schema(string name)
    {
        var errors = await Validators.ResultsSchemaErrorsAsync(Scenario(name).File("results.json"));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Junit_validates_against_the_junit_schema(string name)
    {
        var errors = Validators.JUnitErrors(Scenario(name).File("junit.xml"));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Junit_carries_every_attribute_ci_systems_read()
    {
        var document = XDocument.Load(scenarios.Failing.File("junit.xml"));
        var suite = document.Root!.Element("testsuite")!;
        foreach (var attribute in (string[])["name", "tests", "failures", "errors", "skipped", "time", "timestamp", "hostname"])
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)suite.Attribute(attribute)), $"testsuite/@{attribute} is missing");
        }

        var testcase = Assert.Single(suite.Elements("testcase"));
        foreach (var attribute in (string[])["name", "classname", "time"])
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)testcase.Attribute(attribute)), $"testcase/@{attribute} is missing");
        }

        Assert.StartsWith(GateScenarios.Requirement, (string)testcase.Attribute("name")!, StringComparison.Ordinal);
        Assert.Equal(GateScenarios.Requirement, Property(testcase, "requirement"));
        Assert.NotNull(testcase.Element("failure"));
        Assert.Equal("1", (string?)suite.Attribute("failures"));
    }

    [Fact]
    public void A_waived_failure_is_an_accepted_risk_in_every_report()
    {
        var waived = scenarios.Waived;
        var justification = GateScenarios.Justification;

        var results = JsonNode.Parse(waived.Read("results.json"))!;
        var requirement = results["requirements"]![0]!;
        Assert.Equal("accepted-risk", (string?)requirement["verdict"]);
        Assert.Equal(justification, (string?)requirement["waiver"]!["justification"]);
        Assert.Equal("applied", (string?)results["waivers"]![0]!["state"]);

        var testcase = XDocument.Load(waived.File("junit.xml")).Descendants("testcase").Single();
        Assert.Null(testcase.Element("failure"));
        Assert.Null(testcase.Element("skipped"));
        Assert.Contains(justification, Property(testcase, "waiver"), StringComparison.Ordinal);
        Assert.Equal("Accepted risk", Property(testcase, "verdict"));

        var sarif = JsonNode.Parse(waived.Read("results.sarif"))!;
        var suppression = sarif["runs"]![0]!["results"]![0]!["suppressions"]![0]!;
        Assert.Equal("accepted", (string?)suppression["status"]);
        Assert.StartsWith(justification, (string?)suppression["justification"], StringComparison.Ordinal);

        Assert.Contains($"| {GateScenarios.Requirement} | Fail | " + justification, waived.Read("report.md"), StringComparison.Ordinal);
        Assert.Contains("Accepted risk", waived.Read("report.html"), StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_marks_a_regression_as_new_against_the_baseline()
    {
        var sarif = JsonNode.Parse(scenarios.Regressed.Read("results.sarif"))!;

        Assert.Equal("new", (string?)sarif["runs"]![0]!["results"]![0]!["baselineState"]);
    }

    [Fact]
    public async Task The_sarif_validator_rejects_a_result_without_a_location()
    {
        using var directory = new TempDirectory("sarif-broken");
        var sarif = JsonNode.Parse(scenarios.Failing.Read("results.sarif"))!;
        sarif["runs"]![0]!["results"]![0]!.AsObject().Remove("locations");
        var broken = directory.Write("broken.sarif", sarif.ToJsonString());

        Assert.NotEmpty(await Validators.SarifErrorsAsync(broken));
    }

    [Fact]
    public async Task The_schema_validator_rejects_an_unknown_verdict()
    {
        using var directory = new TempDirectory("results-broken");
        var results = JsonNode.Parse(scenarios.Failing.Read("results.json"))!;
        results["requirements"]![0]!["verdict"] = "mostly-fine";
        var broken = directory.Write("results.json", results.ToJsonString());

        Assert.NotEmpty(await Validators.ResultsSchemaErrorsAsync(broken));
    }

    [Fact]
    public void The_junit_validator_rejects_a_suite_without_a_hostname()
    {
        using var directory = new TempDirectory("junit-broken");
        var document = XDocument.Load(scenarios.Failing.File("junit.xml"));
        document.Root!.Element("testsuite")!.Attribute("hostname")!.Remove();
        var broken = directory.File("junit.xml");
        document.Save(broken);

        Assert.NotEmpty(Validators.JUnitErrors(broken));
    }

    [Fact]
    public async Task The_published_waiver_schema_accepts_what_the_kit_accepts_and_rejects_a_missing_justification()
    {
        Assert.Empty(await Validators.WaiverSchemaErrorsAsync("""{ "waivers": [ { "id": "NET-LOOPBACK", "justification": "x", "expires": "2099-01-01", "owner": "o", "ticket": "t" } ] }"""));
        Assert.NotEmpty(await Validators.WaiverSchemaErrorsAsync("""{ "waivers": [ { "id": "NET-LOOPBACK", "expires": "2099-01-01" } ] }"""));
    }

    private Scenario Scenario(string name) => name switch
    {
        "reference" => scenarios.Reference,
        "failing" => scenarios.Failing,
        "waived" => scenarios.Waived,
        "expired" => scenarios.Expired,
        _ => scenarios.Regressed,
    };

    private static string Property(XElement testcase, string name) =>
        (string?)testcase.Element("properties")?.Elements("property").FirstOrDefault(p => (string?)p.Attribute("name") == name)?.Attribute("value") ?? "";
}
