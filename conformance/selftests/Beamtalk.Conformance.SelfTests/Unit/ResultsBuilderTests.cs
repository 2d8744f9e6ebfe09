using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;
using Beamtalk.Conformance.Runner;
using static Beamtalk.Conformance.SelfTests.Unit.Samples;

namespace Beamtalk.Conformance.SelfTests.Unit;

public sealed class ResultsBuilderTests
{
    private static readonly TargetInfo Target = new("sample", "A sample target.", null);

    private static readonly RunInfo Run = new(DateTimeOffset.UnixEpoch, 1.5, "0.0.1");

    private static readonly Requirement[] Catalogue =
    [
        Requirement("NET-ONE", RequirementLevel.Must),
        Requirement("NET-TWO", RequirementLevel.Should),
        Requirement("AUTH-THREE", RequirementLevel.Caveat),
        Requirement("AUTH-FOUR", RequirementLevel.Must),
    ];

    private static FinishedTest Finished(string name, TestOutcome outcome, params string[] requirements) =>
        new(requirements, Test(outcome, outcome == TestOutcome.Passed ? null : $"{name} said no", name));

    [Fact]
    public void Every_catalogue_requirement_is_graded_in_catalogue_order()
    {
        var results = ResultsBuilder.Build(Catalogue, [Finished("Net.One", TestOutcome.Passed, "NET-ONE")], Target, Run);

        Assert.Equal(Catalogue.Select(r => r.Id), results.Requirements.Select(r => r.Id));
        Assert.Equal(Catalogue.Select(r => r.Level), results.Requirements.Select(r => r.Level));
        Assert.Equal([Verdict.Pass, Verdict.Missing, Verdict.Missing, Verdict.Missing], results.Requirements.Select(r => r.Verdict));
        Assert.Equal(ConformanceResults.CurrentSchemaVersion, results.SchemaVersion);
        Assert.Same(Target, results.Target);
        Assert.Same(Run, results.Run);
    }

    [Fact]
    public void Tests_are_attached_by_tag_and_graded_together()
    {
        FinishedTest[] tests =
        [
            Finished("Net.One_b", TestOutcome.Passed, "NET-ONE"),
            Finished("Net.Two", TestOutcome.Failed, "NET-TWO"),
            Finished("Net.One_a", TestOutcome.Failed, "NET-ONE"),
            Finished("Auth.Three", TestOutcome.Passed, "AUTH-THREE"),
        ];

        var results = ResultsBuilder.Build(Catalogue, tests, Target, Run).Requirements.ToDictionary(r => r.Id);

        Assert.Equal(["Net.One_a", "Net.One_b"], results["NET-ONE"].Tests.Select(t => t.Name));
        Assert.Equal(Verdict.Fail, results["NET-ONE"].Verdict);
        Assert.Equal("Net.One_a said no", results["NET-ONE"].Reason);
        Assert.Equal(Verdict.NonStrict, results["NET-TWO"].Verdict);
        Assert.Equal(Verdict.Caveat, results["AUTH-THREE"].Verdict);
        Assert.Empty(results["AUTH-FOUR"].Tests);
        Assert.Equal(Verdict.Missing, results["AUTH-FOUR"].Verdict);
    }

    [Fact]
    public void A_test_tagged_with_two_requirements_is_evidence_for_both()
    {
        var results = ResultsBuilder.Build(Catalogue, [Finished("Shared", TestOutcome.Passed, "NET-ONE", "AUTH-FOUR")], Target, Run);

        Assert.Equal(["Shared"], results.Requirements.Single(r => r.Id == "NET-ONE").Tests.Select(t => t.Name));
        Assert.Equal(["Shared"], results.Requirements.Single(r => r.Id == "AUTH-FOUR").Tests.Select(t => t.Name));
    }

    [Fact]
    public void An_untagged_test_is_not_evidence_for_any_requirement()
    {
        var results = ResultsBuilder.Build(Catalogue, [Finished("Helper", TestOutcome.Failed)], Target, Run);

        Assert.All(results.Requirements, r => Assert.Equal(Verdict.Missing, r.Verdict));
    }

    [Fact]
    public void Tests_are_ordered_by_name_whatever_order_they_finished_in()
    {
        var names = new[] { "b", "B", "a", "_", "A" };

        var results = ResultsBuilder.Build(Catalogue, [.. names.Select(n => Finished(n, TestOutcome.Passed, "NET-ONE"))], Target, Run);

        Assert.Equal(["A", "B", "_", "a", "b"], results.Requirements[0].Tests.Select(t => t.Name));
    }

    [Fact]
    public void A_tag_the_catalogue_does_not_have_is_a_suite_run_error_naming_it()
    {
        FinishedTest[] tests = [Finished("Net.One", TestOutcome.Passed, "NET-ONE"), Finished("Typo", TestOutcome.Passed, "NET-ON"), Finished("Typo2", TestOutcome.Passed, "NET-ON", "AUTH-FIVE")];

        var error = Assert.Throws<SuiteRunException>(() => ResultsBuilder.Build(Catalogue, tests, Target, Run));

        Assert.Contains("NET-ON, AUTH-FIVE.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_are_matched_case_sensitively()
    {
        var error = Assert.Throws<SuiteRunException>(() =>
            ResultsBuilder.Build(Catalogue, [Finished("Lower", TestOutcome.Passed, "net-one")], Target, Run));

        Assert.Contains("net-one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_catalogue_without_tests_is_all_missing_and_passes_the_gate()
    {
        var results = ResultsBuilder.Build(RequirementCatalogue.All, [], Target, Run);

        Assert.Equal(RequirementCatalogue.All.Count, results.Requirements.Count);
        Assert.Equal(RequirementCatalogue.All.Count, results.Count(Verdict.Missing));
        Assert.True(results.Gate.Passed);
    }
}
