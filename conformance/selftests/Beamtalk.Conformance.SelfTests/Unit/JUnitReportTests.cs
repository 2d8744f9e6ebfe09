using System.Globalization;
using System.Xml.Linq;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Reports;
using Beamtalk.Conformance.Results;
using static Beamtalk.Conformance.SelfTests.Unit.Samples;

namespace Beamtalk.Conformance.SelfTests.Unit;

public sealed class JUnitReportTests
{
    private static XElement Suite(ConformanceResults results) =>
        XDocument.Parse(JUnitReport.Write(results)).Root!.Element("testsuite")!;

    private static XElement CaseFor(XElement suite, string id) =>
        suite.Elements("testcase").Single(c => c.Attribute("name")!.Value.StartsWith($"{id}: ", StringComparison.Ordinal));

    private static int Attribute(XElement element, string name) =>
        int.Parse(element.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    [Fact]
    public void The_output_is_xml_with_one_test_case_per_requirement()
    {
        var results = OneOfEachVerdict();

        var document = XDocument.Parse(JUnitReport.Write(results));

        Assert.Equal("testsuites", document.Root!.Name.LocalName);
        var suite = Assert.Single(document.Root.Elements("testsuite"));
        Assert.Equal(results.Requirements.Select(r => $"{r.Id}: {r.Title}"), suite.Elements("testcase").Select(c => c.Attribute("name")!.Value));
        Assert.Equal("beamtalk-conformance (sample-target)", suite.Attribute("name")!.Value);
    }

    [Fact]
    public void The_suite_counts_match_its_test_cases()
    {
        var suite = Suite(OneOfEachVerdict());
        var cases = suite.Elements("testcase").ToList();

        Assert.Equal(cases.Count, Attribute(suite, "tests"));
        Assert.Equal(cases.Count(c => c.Element("failure") is not null), Attribute(suite, "failures"));
        Assert.Equal(cases.Count(c => c.Element("skipped") is not null), Attribute(suite, "skipped"));
        Assert.Equal(0, Attribute(suite, "errors"));
        Assert.Equal((7, 1, 2), (Attribute(suite, "tests"), Attribute(suite, "failures"), Attribute(suite, "skipped")));
    }

    [Fact]
    public void A_fail_is_a_failure_with_the_first_line_as_message_and_the_whole_reason_as_text()
    {
        var failure = Assert.Single(CaseFor(Suite(OneOfEachVerdict()), "AUTH-FAIL").Elements("failure"));

        Assert.Equal("AUTH-FAIL: a wrong cookie was accepted.", failure.Attribute("message")!.Value);
        Assert.Equal("AUTH-FAIL: a wrong cookie was accepted.\nSecond line of detail.", failure.Value);
    }

    [Theory]
    [InlineData("BR-MISSING", "Missing: No test verifies this requirement yet.")]
    [InlineData("SECRET-UNSURE", "Inconclusive: Inconclusive: the timing was too noisy.")]
    public void Missing_and_inconclusive_are_skipped_with_their_verdict_and_reason(string id, string message)
    {
        var testCase = CaseFor(Suite(OneOfEachVerdict()), id);

        Assert.Equal(message, Assert.Single(testCase.Elements("skipped")).Attribute("message")!.Value);
        Assert.Null(testCase.Element("failure"));
    }

    [Theory]
    [InlineData("NET-PASS", "Pass")]
    [InlineData("NET-SHOULD", "Non-strict")]
    [InlineData("ISO-CAVEAT", "Caveat")]
    [InlineData("CT-WAIVED", "Accepted risk")]
    public void Other_verdicts_pass_and_keep_the_verdict_visible(string id, string verdict)
    {
        var testCase = CaseFor(Suite(OneOfEachVerdict()), id);

        Assert.Null(testCase.Element("failure"));
        Assert.Null(testCase.Element("skipped"));
        Assert.StartsWith($"{verdict}: ", testCase.Element("system-out")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_case_carries_its_requirement_level_and_verdict_as_properties()
    {
        var testCase = CaseFor(Suite(OneOfEachVerdict()), "NET-SHOULD");

        var properties = testCase.Element("properties")!.Elements("property")
            .ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("value")!.Value);

        Assert.Equal("NET-SHOULD", properties["requirement"]);
        Assert.Equal("SHOULD", properties["level"]);
        Assert.Equal("Non-strict", properties["verdict"]);
        Assert.Equal("beamtalk.net", testCase.Attribute("classname")!.Value);
    }

    [Fact]
    public void Times_are_the_sum_of_the_tests_and_the_run_duration()
    {
        var suite = Suite(OneOfEachVerdict());

        Assert.Equal("12.500", suite.Attribute("time")!.Value);
        Assert.Equal("2025-03-04T05:06:07", suite.Attribute("timestamp")!.Value);
        Assert.Equal("1.500", CaseFor(suite, "NET-PASS").Attribute("time")!.Value);
        Assert.Equal("0.000", CaseFor(suite, "BR-MISSING").Attribute("time")!.Value);
    }

    [Fact]
    public void Markup_in_a_reason_is_escaped()
    {
        const string reason = "AUTH-X: got <close code=\"1000\"/> & ']]>' instead of 1008";
        var results = ResultsOf(Result("AUTH-X", RequirementLevel.Must, Verdict.Fail, reason));

        var failure = Suite(results).Element("testcase")!.Element("failure")!;

        Assert.Equal(reason, failure.Value);
        Assert.Equal(reason, failure.Attribute("message")!.Value);
    }

    [Theory]
    [InlineData("\u001b[31merror\u001b[0m: the workspace did not start")]
    [InlineData("close reason: \u0000\u0001")]
    public void A_reason_with_characters_xml_cannot_hold_still_gives_parseable_xml(string reason)
    {
        // Reasons quote target output (stderr of a target that would not start, close reasons from the wire):
        // terminal colours and control characters must not stop junit.xml from being written.
        var results = ResultsOf(
            Result("NET-X", RequirementLevel.Must, Verdict.Fail, reason),
            Result("NET-Y", RequirementLevel.Must, Verdict.Inconclusive, reason),
            Result("NET-Z", RequirementLevel.Must, Verdict.Pass, reason));

        var suite = Suite(results);

        Assert.Equal(3, suite.Elements("testcase").Count());
    }
}
