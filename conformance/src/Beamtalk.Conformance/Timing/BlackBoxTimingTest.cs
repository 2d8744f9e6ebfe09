namespace Beamtalk.Conformance.Timing;

/// <summary>How a black-box timing run ended.</summary>
public enum TimingOutcome
{
    /// <summary>No significant difference, at a resolution fine enough to claim it.</summary>
    NoLeak,

    /// <summary>A significant difference, seen again in an independent confirmation round.</summary>
    Leak,

    /// <summary>No significant difference, but the resolution is too coarse to claim there is none.</summary>
    Unresolved,

    /// <summary>A significant difference in the first round that the confirmation round did not repeat.</summary>
    Unconfirmed,
}

/// <summary>The verdict of a black-box run, with every round behind it.</summary>
public sealed record BlackBoxVerdict(TimingOutcome Outcome, IReadOnlyList<TimingRound> Rounds, TimingPolicy Policy, int Seed)
{
    /// <summary>The resolution of the round the verdict rests on (µs).</summary>
    public double Resolution => Rounds[^1].Resolution;

    public string Describe()
    {
        var rounds = Rounds.Count == 1
            ? Rounds[0].Describe()
            : string.Join(" | ", Rounds.Select((r, i) => $"{(i == 0 ? "round 1" : "confirmation")}: {r.Describe()}"));
        var mode = Policy.IsThorough ? "thorough" : "default";
        return FormattableString.Invariant(
            $"resolution {Resolution:0.00} µs ({mode} mode; pass needs ≤ {Policy.ClaimResolutionMicroseconds:0.##} µs, fail needs Wilcoxon and sign p < {Policy.Alpha:0.####} and |median| ≥ {Policy.MinimumEffectMicroseconds:0.##} µs twice; seed {Seed}); {rounds}");
    }
}

/// <summary>
/// The decision rule of the black-box timing check (the SECRET-TIMING section of docs/design.md): a first round;
/// a comparison is significant when the Wilcoxon signed-rank and sign tests both reach
/// <see cref="TimingPolicy.Alpha"/> in the same direction, the 95 % bootstrap interval of the
/// median difference excludes zero and the median is at least the minimum effect. Significant
/// → an independent confirmation round must repeat it (same comparison, same sign) for a leak.
/// Not significant → a pass only when the resolution is at most the claim resolution.
/// </summary>
public static class BlackBoxTimingTest
{
    public static BlackBoxVerdict Run(int port, string cookie, TimingPolicy policy, int seed, CancellationToken cancellationToken, IProgress<TimingRound>? progress = null)
    {
        var random = new Random(seed);
        var inputs = new TimingInputs(cookie, random);
        var first = BlackBoxSampler.RunRound(port, inputs, policy, policy.RoundBudget, random, cancellationToken, progress);
        var suspects = first.Comparisons.Where(c => c.Significant).ToList();
        if (suspects.Count == 0)
        {
            var outcome = first.Resolution <= policy.ClaimResolutionMicroseconds ? TimingOutcome.NoLeak : TimingOutcome.Unresolved;
            return new BlackBoxVerdict(outcome, [first], policy, seed);
        }

        var confirmation = BlackBoxSampler.RunRound(port, inputs, policy, policy.ConfirmationBudget, random, cancellationToken, progress);
        var confirmed = suspects.Any(s => confirmation.Comparisons.Any(c =>
            c.Name == s.Name && c.Significant && Math.Sign(c.Interval.Median) == Math.Sign(s.Interval.Median)));
        return new BlackBoxVerdict(confirmed ? TimingOutcome.Leak : TimingOutcome.Unconfirmed, [first, confirmation], policy, seed);
    }
}
