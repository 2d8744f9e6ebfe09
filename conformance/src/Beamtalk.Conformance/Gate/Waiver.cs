namespace Beamtalk.Conformance.Gate;

/// <summary>
/// A user's decision to accept one requirement's failure until a date. It is in force through the whole
/// of its <see cref="Expires"/> day (UTC) and has no effect from the next day on.
/// </summary>
public sealed record Waiver(string Id, string Justification, DateOnly Expires, string? Owner, string? Ticket)
{
    public bool IsInForceOn(DateOnly day) => day <= Expires;
}

/// <summary>What a waiver did in one run.</summary>
public enum WaiverState
{
    /// <summary>The requirement failed and the waiver turned the failure into an accepted risk.</summary>
    Applied,

    /// <summary>The requirement failed, but the waiver's date has passed: it had no effect.</summary>
    Expired,

    /// <summary>The requirement did not fail: the waiver is not needed and should be removed.</summary>
    Stale,

    /// <summary>The requirement was not in this run's selection.</summary>
    NotSelected,
}

/// <summary>A waiver as a report shows it: the waiver, its state in this run, and the verdict it met.</summary>
public sealed record WaiverOutcome(
    string Id,
    string Justification,
    DateOnly Expires,
    string? Owner,
    string? Ticket,
    WaiverState State,
    string Note);
