namespace Beamtalk.Conformance.Timing;

/// <summary>
/// Every number the black-box timing check decides by, in one place, with where it came from
/// (the SECRET-TIMING section of docs/design.md has the measurements behind them).
/// </summary>
public sealed record TimingPolicy
{
    /// <summary>Blocks measured and thrown away first: JIT, connection setup paths and caches of both sides settle.</summary>
    public int WarmUpBlocks { get; init; } = 100;

    /// <summary>No look at the data before this many blocks: the rank tests' normal approximations want hundreds.</summary>
    public int MinimumBlocks { get; init; } = 300;

    /// <summary>Blocks between two looks.</summary>
    public int LookEvery { get; init; } = 150;

    /// <summary>The first round's time limit. With <see cref="ConfirmationBudget"/> and a start of the target it stays within 30 s.</summary>
    public TimeSpan RoundBudget { get; init; } = TimeSpan.FromSeconds(14);

    /// <summary>The confirmation round's limit; it only runs after a significant first round.</summary>
    public TimeSpan ConfirmationBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A round ends early once every comparison's resolution is this fine (µs): the 1 µs.</summary>
    public double TargetResolutionMicroseconds { get; init; } = 1.0;

    /// <summary>
    /// The coarsest resolution (µs) at which "no difference found" is reported as a pass: a leak of
    /// twice this, 5 µs (the known-bad fixtures' size), would be seen. Coarser runs are Inconclusive.
    /// </summary>
    public double ClaimResolutionMicroseconds { get; init; } = 2.5;

    /// <summary>
    /// A significant difference smaller than this (µs) is not a finding: below half the target
    /// resolution lie effects of the presented frame's own size (one byte longer or shorter on the
    /// wire), not of the comparison.
    /// </summary>
    public double MinimumEffectMicroseconds { get; init; } = 0.5;

    /// <summary>
    /// Each of the two tests must reach this p-value, for each comparison: 0.001 for the family of
    /// two comparisons (Bonferroni), required of both tests and again in an independent confirmation round.
    /// </summary>
    public double Alpha { get; init; } = 0.0005;

    /// <summary>A round also ends early when both tests are below this p-value for a comparison: the answer will not change.</summary>
    public double OverwhelmingP { get; init; } = 1e-9;

    /// <summary>
    /// A block is dropped when any of its round trips is above this quantile of all round trips of
    /// the round (pooled, blind to the class): scheduler and GC stalls, not the target's comparison.
    /// </summary>
    public double Crop { get; init; } = 0.95;

    public static TimingPolicy Default { get; } = new();

    /// <summary>For audits: ten times the time, a 0.25 µs target and a 1 µs claim.</summary>
    public static TimingPolicy Thorough { get; } = new()
    {
        RoundBudget = TimeSpan.FromSeconds(140),
        ConfirmationBudget = TimeSpan.FromSeconds(100),
        TargetResolutionMicroseconds = 0.25,
        ClaimResolutionMicroseconds = 1.0,
        MinimumEffectMicroseconds = 0.25,
    };

    /// <summary><see cref="Thorough"/> for an audit run, else <see cref="Default"/>.</summary>
    public static TimingPolicy For(bool thorough) => thorough ? Thorough : Default;

    public bool IsThorough => this == Thorough;
}
