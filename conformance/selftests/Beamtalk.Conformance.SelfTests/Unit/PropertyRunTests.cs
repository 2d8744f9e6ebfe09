using System.Globalization;
using System.Text.RegularExpressions;
using Beamtalk.Conformance.Checks;
using FsCheck.Fluent;

namespace Beamtalk.Conformance.SelfTests.Unit;

/// <summary>Property runs as checks see them: a seed given by the run's settings replays, a fresh one is printed with any failure.</summary>
public sealed partial class PropertyRunTests
{
    private static readonly FsCheck.Gen<int> Numbers = Gen.Choose(0, 1_000_000);

    /// <summary>A property that fails for one number in five, so a run usually passes a few cases before its counterexample.</summary>
    private static CheckResult.Violation Violation(ulong? seed, Func<string>? explain = null)
    {
        var ended = Assert.Throws<CheckEndedException>(() => PropertyRun.Check(seed, Numbers, n => n % 5 != 0, 200, explain));
        return Assert.IsType<CheckResult.Violation>(ended.Result);
    }

    private static ulong SeedOf(CheckResult.Violation violation) =>
        ReproduceLine().Match(violation.Text) is { Success: true } match
            ? ulong.Parse(match.Groups["seed"].Value, CultureInfo.InvariantCulture)
            : throw new Xunit.Sdk.XunitException($"No '{CheckSettings.SeedVariable}=<seed>' in: {violation.Text}");

    /// <summary>The value FsCheck reports on the line after "Original:".</summary>
    private static string CounterexampleOf(CheckResult.Violation violation)
    {
        var lines = violation.Text.Split('\n');
        var original = Array.IndexOf(lines, "Original:");
        Assert.True(original >= 0 && original + 1 < lines.Length, $"No counterexample in: {violation.Text}");
        var value = int.Parse(lines[original + 1], CultureInfo.InvariantCulture);
        Assert.Equal(0, value % 5);
        return lines[original + 1];
    }

    [Fact]
    public void A_property_that_holds_returns_a_summary_with_the_seed()
    {
        var summary = PropertyRun.Check(null, Numbers, n => n >= 0, 50);

        Assert.Matches(@"^50 generated cases held \(seed \d+\)$", summary);
    }

    [Fact]
    public void A_given_seed_is_used_and_reported()
    {
        var summary = PropertyRun.Check(12345, Numbers, n => n >= 0, 10);

        Assert.Equal("10 generated cases held (seed 12345)", summary);
    }

    [Fact]
    public void A_failing_property_ends_the_check_in_a_violation_with_the_seed()
    {
        var violation = Violation(null, () => "every wrong cookie must be rejected");

        Assert.StartsWith("every wrong cookie must be rejected\n", violation.Text, StringComparison.Ordinal);
        Assert.Matches(@"\(seed (?<seed>\d+); reproduce with BEAMTALK_CONFORMANCE_SEED=\k<seed>\)$", violation.Text);
    }

    [Fact]
    public void Without_an_explanation_the_message_starts_with_the_counterexample_report()
    {
        var violation = Violation(null);

        Assert.Matches("^\\S", violation.Text);
        Assert.Contains($"{CheckSettings.SeedVariable}=", violation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explanation_is_only_asked_for_when_the_property_fails()
    {
        var asked = 0;

        PropertyRun.Check(null, Numbers, n => n >= 0, 20, () => $"asked {++asked}");

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
        Assert.Equal(first.Text, replayed.Text);
    }

    [Fact]
    public void Different_seeds_draw_different_cases()
    {
        var seen = new HashSet<int>();

        foreach (var seed in new ulong[] { 1, 2 })
        {
            PropertyRun.Check(seed, Numbers, n => seen.Add(n) || true, 5);
        }

        Assert.True(seen.Count > 5, $"Seeds 1 and 2 drew the same {seen.Count} values.");
    }

    [Fact]
    public void The_settings_read_a_seed_to_replay_and_refuse_a_malformed_one()
    {
        Assert.Equal(777UL, CheckSettings.FromVariables(new System.Collections.Hashtable { [CheckSettings.SeedVariable] = "777" }).Seed);
        Assert.Null(CheckSettings.FromVariables(new System.Collections.Hashtable()).Seed);
        var malformed = Assert.Throws<FormatException>(() => CheckSettings.FromVariables(new System.Collections.Hashtable { [CheckSettings.SeedVariable] = "-1" }));
        Assert.Contains(CheckSettings.SeedVariable, malformed.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"reproduce with BEAMTALK_CONFORMANCE_SEED=(?<seed>\d+)\)")]
    private static partial Regex ReproduceLine();
}
