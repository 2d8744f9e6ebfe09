using System.Globalization;
using System.Text.RegularExpressions;
using Beamtalk.Conformance.Checks;
using FsCheck.Fluent;

namespace Beamtalk.Conformance.SelfTests.Unit;

/// <summary>These tests set BEAMTALK_CONFORMANCE_SEED, which is process-wide: nothing else may run meanwhile.</summary>
[CollectionDefinition(nameof(SeedVariableCollection), DisableParallelization = true)]
public sealed class SeedVariableCollection;

[Collection(nameof(SeedVariableCollection))]
public sealed partial class PropertyRunTests
{
    private const string Id = "AUTH-REJECT";

    private static readonly FsCheck.Gen<int> Numbers = Gen.Choose(0, 1_000_000);

    /// <summary>Runs <paramref name="action"/> with the seed variable set to <paramref name="value"/> (null: unset), then restores it.</summary>
    private static T WithSeedVariable<T>(string? value, Func<T> action)
    {
        var saved = Environment.GetEnvironmentVariable(PropertyRun.SeedVariable);
        Environment.SetEnvironmentVariable(PropertyRun.SeedVariable, value);
        try
        {
            return action();
        }
        finally
        {
            Environment.SetEnvironmentVariable(PropertyRun.SeedVariable, saved);
        }
    }

    /// <summary>A property that fails for one number in five, so a run usually passes a few cases before its counterexample.</summary>
    private static RequirementViolationException Violation(string? seed, Func<string>? explain = null) =>
        WithSeedVariable(seed, () => Assert.Throws<RequirementViolationException>(() =>
            PropertyRun.Check(Id, Numbers, n => n % 5 != 0, 200, explain)));

    private static string SeedOf(RequirementViolationException violation) =>
        ReproduceLine().Match(violation.Message) is { Success: true } match
            ? match.Groups["seed"].Value
            : throw new Xunit.Sdk.XunitException($"No '{PropertyRun.SeedVariable}=<seed>' in: {violation.Message}");

    /// <summary>The value FsCheck reports on the line after "Original:".</summary>
    private static string CounterexampleOf(RequirementViolationException violation)
    {
        var lines = violation.Message.Split('\n');
        var original = Array.IndexOf(lines, "Original:");
        Assert.True(original >= 0 && original + 1 < lines.Length, $"No counterexample in: {violation.Message}");
        var value = int.Parse(lines[original + 1], CultureInfo.InvariantCulture);
        Assert.Equal(0, value % 5);
        return lines[original + 1];
    }

    [Fact]
    public void A_property_that_holds_returns_a_summary_with_the_seed()
    {
        var summary = WithSeedVariable(null, () => PropertyRun.Check(Id, Numbers, n => n >= 0, 50));

        Assert.Matches(@"^50 generated cases held \(seed \d+\)$", summary);
    }

    [Fact]
    public void A_given_seed_is_used_and_reported()
    {
        var summary = WithSeedVariable("12345", () => PropertyRun.Check(Id, Numbers, n => n >= 0, 10));

        Assert.Equal("10 generated cases held (seed 12345)", summary);
    }

    [Fact]
    public void A_failing_property_is_a_violation_of_the_given_requirement()
    {
        var violation = Violation(null, () => "every wrong cookie must be rejected");

        Assert.Equal(Id, violation.RequirementId);
        Assert.StartsWith($"{Id}: every wrong cookie must be rejected\n", violation.Message, StringComparison.Ordinal);
        Assert.Matches(@"\(seed (?<seed>\d+); reproduce with BEAMTALK_CONFORMANCE_SEED=\k<seed>\)$", violation.Message);
    }

    [Fact]
    public void Without_an_explanation_the_message_starts_with_the_counterexample_report()
    {
        var violation = Violation(null);

        Assert.Matches($"^{Id}: \\S", violation.Message);
        Assert.Contains($"{PropertyRun.SeedVariable}=", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explanation_is_only_asked_for_when_the_property_fails()
    {
        var asked = 0;

        WithSeedVariable(null, () => PropertyRun.Check(Id, Numbers, n => n >= 0, 20, () => $"asked {++asked}"));

        Assert.Equal(0, asked);
    }

    [Fact]
    public void The_reported_seed_reproduces_the_same_counterexample()
    {
        var first = Violation(null);
        var seed = SeedOf(first);

        var replayed = Violation(seed);

        Assert.Equal(seed, SeedOf(replayed));
        Assert.Equal(CounterexampleOf(first), CounterexampleOf(replayed));
        Assert.Equal(first.Message, replayed.Message);
    }

    [Fact]
    public void Different_seeds_draw_different_cases()
    {
        var seen = new HashSet<int>();

        foreach (var seed in new[] { "1", "2" })
        {
            WithSeedVariable(seed, () => PropertyRun.Check(Id, Numbers, n => seen.Add(n) || true, 5));
        }

        Assert.True(seen.Count > 5, $"Seeds 1 and 2 drew the same {seen.Count} values.");
    }

    [Fact]
    public void The_seed_variable_is_restored_after_each_test()
    {
        var before = Environment.GetEnvironmentVariable(PropertyRun.SeedVariable);

        _ = Violation("777");

        Assert.Equal(before, Environment.GetEnvironmentVariable(PropertyRun.SeedVariable));
        Assert.Equal(777UL.ToString(CultureInfo.InvariantCulture), WithSeedVariable("777", () => PropertyRun.ChooseSeed().ToString(CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex(@"reproduce with BEAMTALK_CONFORMANCE_SEED=(?<seed>\d+)\)")]
    private static partial Regex ReproduceLine();
}
