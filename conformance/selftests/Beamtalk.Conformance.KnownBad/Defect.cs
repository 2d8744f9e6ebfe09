namespace Beamtalk.Conformance.KnownBad;

/// <summary>
/// One deliberate defect each; the self-tests show the matching requirement's check fails on it.
/// <see cref="None"/> is the fixture's own positive control: it must pass every check.
/// </summary>
public enum Defect
{
    /// <summary>No defect.</summary>
    None,

    /// <summary>NET-LOOPBACK: listens on 0.0.0.0.</summary>
    BindsAllInterfaces,

    /// <summary>NET-EPHEMERAL: picks its own port below the ephemeral range.</summary>
    PredictablePort,

    /// <summary>AUTH-NO-EVAL-BEFORE-AUTH: evaluates an eval request that arrives before authentication.</summary>
    EvaluatesBeforeAuth,

    /// <summary>AUTH-REJECT: accepts any non-empty prefix of the cookie (a truncating comparison).</summary>
    AcceptsCookiePrefix,

    /// <summary>SECRET-FILE-MODE: creates the folder and cookie with the process umask, like upstream.</summary>
    CookieUnderUmask,

    /// <summary>SECRET-FILE-MODE: writes the cookie with default permissions, then narrows it with chmod.</summary>
    ChmodsCookieAfterWriting,

    /// <summary>SECRET-NO-LEAK: logs the decoded cookie in hex "for debugging".</summary>
    LogsCookieHex,
}
