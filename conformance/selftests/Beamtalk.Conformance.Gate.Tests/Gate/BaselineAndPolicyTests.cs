using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Gate.Tests.Gate;

public sealed class BaselineAndPolicyTests
{
    [Theory]
    [InlineData(Verdict.Pass, Verdict.Fail, BaselineChange.Regression)]
    [InlineData(Verdict.Missing, Verdict.Fail, BaselineChange.Regression)]
    [InlineData(null, Verdict.Fail, BaselineChange.Regression)]
    [InlineData(Verdict.AcceptedRisk, Verdict.Fail, BaselineChange.Regression)]
    [InlineData(Verdict.Pass, Verdict.NonStrict, BaselineChange.Regression)]
    [InlineData(Verdict.Fail, Verdict.Fail, BaselineChange.Unchanged)]
    [InlineData(Verdict.Fail, Verdict.Pass, BaselineChange.Fixed)]
    [InlineData(Verdict.Fail, Verdict.AcceptedRisk, BaselineChange.Fixed)]
    [InlineData(Verdict.Missing, Verdict.Pass, BaselineChange.NewlyCovered)]
    [InlineData(null, Verdict.Pass, BaselineChange.NewlyCovered)]
    [InlineData(Verdict.Pass, Verdict.Inconclusive, BaselineChange.NoLongerCovered)]
    [InlineData(Verdict.Pass, Verdict.AcceptedRisk, BaselineChange.Changed)]
    [InlineData(Verdict.Missing, Verdict.Inconclusive, BaselineChange.Changed)]
    public void Verdict_moves_are_classified(Verdict? before, Verdict after, BaselineChange change) =>
        Assert.Equal(change, Baseline.Entry("X-A", before, after).Change);

    private static RequirementResult Result(string id, RequirementLevel level, Verdict verdict) => new(id, level, "t", verdict, "r", []);

    [Fact]
    public void By_default_only_an_unwaived_must_failure_fails_the_gate()
    {
        Assert.True(GatePolicy.Default.Decide([Result("X-A", RequirementLevel.Should, Verdict.NonStrict), Result("X-B", RequirementLevel.Must, Verdict.Missing)], null).Passed);
        Assert.False(GatePolicy.Default.Decide([Result("X-A", RequirementLevel.Must, Verdict.Fail)], null).Passed);
    }

    [Fact]
    public void Fail_on_should_counts_non_strict()
    {
        var outcome = new GatePolicy(FailOnShould: true, RequireComplete: false).Decide([Result("X-A", RequirementLevel.Should, Verdict.NonStrict)], null);

        Assert.False(outcome.Passed);
        Assert.Equal(["X-A (SHOULD): Non-strict"], outcome.Reasons);
    }

    [Theory]
    [InlineData(Verdict.Missing)]
    [InlineData(Verdict.Inconclusive)]
    public void Require_complete_counts_undecided_requirements(Verdict verdict) =>
        Assert.False(new GatePolicy(false, RequireComplete: true).Decide([Result("X-A", RequirementLevel.Must, verdict)], null).Passed);

    [Fact]
    public void A_regression_fails_the_gate_and_a_non_strict_regression_only_with_fail_on_should()
    {
        var results = new[] { Result("X-A", RequirementLevel.Should, Verdict.NonStrict) };
        var diff = new BaselineDiff("old.json", new string('0', 64), "1.0", [Baseline.Entry("X-A", Verdict.Pass, Verdict.NonStrict)]);

        Assert.True(GatePolicy.Default.Decide(results, diff).Passed);
        Assert.False(new GatePolicy(FailOnShould: true, false).Decide(results, diff).Passed);
    }
}
