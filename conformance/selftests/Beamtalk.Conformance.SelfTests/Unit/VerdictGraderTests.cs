using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Results;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Beamtalk.Conformance.SelfTests.Unit.Samples;

namespace Beamtalk.Conformance.SelfTests.Unit;

public sealed class VerdictGraderTests
{
    private static Verdict VerdictOf(RequirementLevel level, params TestRecord[] tests) =>
        VerdictGrader.Grade(Requirement(level: level), tests).Verdict;

    public static TheoryData<RequirementLevel> AllLevels => [.. Enum.GetValues<RequirementLevel>()];

    [Theory, MemberData(nameof(AllLevels))]
    public void A_requirement_without_tests_is_missing(RequirementLevel level)
    {
        var result = VerdictGrader.Grade(Requirement(level: level), []);

        Assert.Equal(Verdict.Missing, result.Verdict);
        Assert.Contains("No test", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_must_is_a_fail_with_the_test_message_as_reason()
    {
        var result = VerdictGrader.Grade(Requirement(level: RequirementLevel.Must), [Test(TestOutcome.Failed, "TEST-ONE: listening on 0.0.0.0:4000.")]);

        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal("TEST-ONE: listening on 0.0.0.0:4000.", result.Reason);
    }

    [Fact]
    public void A_failed_should_is_non_strict() =>
        Assert.Equal(Verdict.NonStrict, VerdictOf(RequirementLevel.Should, Test(TestOutcome.Failed, "no Host check")));

    [Fact]
    public void A_failed_info_is_non_strict() =>
        Assert.Equal(Verdict.NonStrict, VerdictOf(RequirementLevel.Info, Test(TestOutcome.Failed, "informational")));

    [Fact]
    public void A_failed_caveat_is_a_fail_because_the_risk_no_longer_behaves_as_documented() =>
        Assert.Equal(Verdict.Fail, VerdictOf(RequirementLevel.Caveat, Test(TestOutcome.Failed, "behaves differently")));

    [Fact]
    public void A_failure_without_a_message_is_explained_by_the_test_name_and_outcome()
    {
        var result = VerdictGrader.Grade(Requirement(), [Test(TestOutcome.Failed, null, "Suite.Broken_test")]);

        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Contains("Suite.Broken_test", result.Reason, StringComparison.Ordinal);
        Assert.Contains("Failed", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RequirementLevel.Must, Verdict.Fail)]
    [InlineData(RequirementLevel.Caveat, Verdict.Fail)]
    [InlineData(RequirementLevel.Should, Verdict.NonStrict)]
    [InlineData(RequirementLevel.Info, Verdict.NonStrict)]
    public void A_test_that_did_not_run_counts_as_a_failure(RequirementLevel level, Verdict expected)
    {
        var result = VerdictGrader.Grade(Requirement(level: level), [Test(TestOutcome.Passed), Test(TestOutcome.NotRun, null, "Suite.Not_run")]);

        Assert.Equal(expected, result.Verdict);
        Assert.Contains("NotRun", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outcome_the_grader_does_not_know_grades_as_a_fail() =>
        Assert.Equal(Verdict.Fail, VerdictOf(RequirementLevel.Must, Test((TestOutcome)42)));

    [Theory, MemberData(nameof(AllLevels))]
    public void An_error_of_the_kit_is_inconclusive(RequirementLevel level)
    {
        var result = VerdictGrader.Grade(Requirement(level: level), [Test(TestOutcome.Passed), Test(TestOutcome.Errored, "the target did not start")]);

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Contains("the target did not start", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_outweighs_an_error_of_the_kit() =>
        Assert.Equal(Verdict.Fail, VerdictOf(RequirementLevel.Must, Test(TestOutcome.Errored, "no start"), Test(TestOutcome.Failed, "leaked")));

    [Fact]
    public void An_error_of_the_kit_outweighs_a_skip() =>
        Assert.Equal(Verdict.Inconclusive, VerdictOf(RequirementLevel.Must, Test(TestOutcome.Skipped, "Missing: no browser"), Test(TestOutcome.Errored, "no start")));

    [Fact]
    public void An_inconclusive_check_is_inconclusive_and_outweighs_a_missing_one()
    {
        var result = VerdictGrader.Grade(Requirement(), [Test(TestOutcome.Passed), Test(TestOutcome.Missing, "no browser"), Test(TestOutcome.Inconclusive, "timing too noisy to decide")]);

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Equal("timing too noisy to decide", result.Reason);
    }

    /// <summary>The outcome is data from the check; no reason text, however it begins, changes the verdict.</summary>
    [Theory]
    [InlineData(TestOutcome.Missing, "Inconclusive: a reason that only looks like a verdict")]
    [InlineData(TestOutcome.Skipped, "Inconclusive: a skip by the test host is never a decision")]
    [InlineData(TestOutcome.Missing, "the target lacks the feature")]
    public void A_missing_check_or_a_skipped_test_is_missing_whatever_its_reason_says(TestOutcome outcome, string reason)
    {
        var result = VerdictGrader.Grade(Requirement(), [Test(TestOutcome.Passed), Test(outcome, reason)]);

        Assert.Equal(Verdict.Missing, result.Verdict);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void A_skip_without_a_reason_is_missing_and_names_the_test()
    {
        var result = VerdictGrader.Grade(Requirement(), [Test(TestOutcome.Skipped, null, "Suite.Silent_skip")]);

        Assert.Equal(Verdict.Missing, result.Verdict);
        Assert.Contains("Suite.Silent_skip", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RequirementLevel.Must)]
    [InlineData(RequirementLevel.Should)]
    [InlineData(RequirementLevel.Info)]
    public void All_tests_passing_is_a_pass(RequirementLevel level)
    {
        var result = VerdictGrader.Grade(Requirement(level: level), [Test(TestOutcome.Passed, name: "A"), Test(TestOutcome.Passed, name: "B")]);

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal("2 tests passed.", result.Reason);
    }

    [Fact]
    public void A_single_passing_test_is_reported_in_the_singular() =>
        Assert.Equal("1 test passed.", VerdictGrader.Grade(Requirement(), [Test(TestOutcome.Passed)]).Reason);

    [Fact]
    public void A_caveat_whose_tests_pass_is_a_caveat_not_a_pass() =>
        Assert.Equal(Verdict.Caveat, VerdictOf(RequirementLevel.Caveat, Test(TestOutcome.Passed)));

    [Fact]
    public void The_result_carries_the_requirement_and_its_tests()
    {
        var requirement = Requirement("NET-SAMPLE", RequirementLevel.Should, "Sample title");
        TestRecord[] tests = [Test(TestOutcome.Passed, name: "One"), Test(TestOutcome.Passed, name: "Two")];

        var result = VerdictGrader.Grade(requirement, tests);

        Assert.Equal("NET-SAMPLE", result.Id);
        Assert.Equal(RequirementLevel.Should, result.Level);
        Assert.Equal("Sample title", result.Title);
        Assert.Equal(tests, result.Tests);
    }

    private static readonly Gen<TestOutcome> AnyOutcome = Gen.Elements(Enum.GetValues<TestOutcome>());

    private static readonly Gen<(RequirementLevel Level, TestOutcome[] Outcomes)> LevelAndOutcomes =
        Gen.Elements(Enum.GetValues<RequirementLevel>()).Zip(AnyOutcome.NonEmptyListOf().Select(o => o.ToArray()));

    [Property(MaxTest = 300)]
    public Property Only_a_requirement_whose_tests_all_passed_counts_as_a_pass() =>
        Prop.ForAll(Arb.From(LevelAndOutcomes), c =>
        {
            var verdict = VerdictOf(c.Level, [.. c.Outcomes.Select(o => Test(o))]);
            var allPassed = c.Outcomes.All(o => o == TestOutcome.Passed);
            return (verdict is Verdict.Pass or Verdict.Caveat) == allPassed;
        });

    [Property(MaxTest = 300)]
    public Property Only_a_must_or_caveat_can_fail() =>
        Prop.ForAll(Arb.From(LevelAndOutcomes), c =>
            VerdictOf(c.Level, [.. c.Outcomes.Select(o => Test(o))]) != Verdict.Fail
            || c.Level is RequirementLevel.Must or RequirementLevel.Caveat);
}
