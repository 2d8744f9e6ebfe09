namespace Beamtalk.Conformance.Cli;

/// <summary>The gate's contract with CI: what each exit code means, the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>No MUST requirement failed (run); the document is current (threat-model --check).</summary>
    public const int Pass = 0;

    /// <summary>At least one MUST requirement failed (run); the document differs from the evidence (--check).</summary>
    public const int Fail = 1;

    /// <summary>The kit could not judge: bad arguments, unreadable target or results, a target that would not start.</summary>
    public const int CannotJudge = 2;
}
