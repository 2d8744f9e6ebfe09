namespace Beamtalk.Conformance.Results;

/// <summary>
/// The closed set of grades a requirement can get. Anything a grader cannot place is graded
/// <see cref="Fail"/>; <see cref="Inconclusive"/> and <see cref="Missing"/> never count as a pass.
/// </summary>
public enum Verdict
{
    /// <summary>The MUST or SHOULD holds.</summary>
    Pass,

    /// <summary>A SHOULD does not hold: reported, does not fail the gate.</summary>
    NonStrict,

    /// <summary>A MUST does not hold, or a documented caveat no longer behaves as documented.</summary>
    Fail,

    /// <summary>An accepted risk, shown to behave as the sources document.</summary>
    Caveat,

    /// <summary>The test ran but its evidence cannot decide.</summary>
    Inconclusive,

    /// <summary>No test could run: none exists, a prerequisite is absent, or the target lacks the feature.</summary>
    Missing,

    /// <summary>A failure the user has waived, with a justification and an expiry date.</summary>
    AcceptedRisk,
}

public static class VerdictText
{
    /// <summary>The word reports print, e.g. "Non-strict".</summary>
    public static string Display(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "Pass",
        Verdict.NonStrict => "Non-strict",
        Verdict.Fail => "Fail",
        Verdict.Caveat => "Caveat",
        Verdict.Inconclusive => "Inconclusive",
        Verdict.Missing => "Missing",
        Verdict.AcceptedRisk => "Accepted risk",
        _ => "Fail",
    };
}
