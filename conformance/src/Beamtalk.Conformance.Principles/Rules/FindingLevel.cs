namespace Beamtalk.Conformance.Principles.Rules;

/// <summary>How much a finding asks of the pull request. Ordered: a higher level outranks a lower one.</summary>
public enum FindingLevel
{
    /// <summary>Evidence that the change keeps a principle (a loopback default, an owner-only file, a fixed-time compare).</summary>
    Satisfies,

    /// <summary>Listed for the reviewer; the trust model accepts it (file access, FFI).</summary>
    Note,

    /// <summary>A Phase-1 question the PR description must answer (a new spawn, a network request, an unresolved bind).</summary>
    NeedsAnswer,

    /// <summary>The change breaks a principle as written.</summary>
    Violation,
}

public static class FindingLevels
{
    /// <summary>
    /// The level of a finding whose line the change removes: a removed exposure is evidence the principle is
    /// kept, a removed guard (loopback, owner-only mode, fixed-time compare) is a question (where did it go?),
    /// a removed question is worth a note, and a removed note is nothing.
    /// </summary>
    public static FindingLevel? WhenRemoved(FindingLevel level) => level switch
    {
        FindingLevel.Violation => FindingLevel.Satisfies,
        FindingLevel.Satisfies => FindingLevel.NeedsAnswer,
        FindingLevel.NeedsAnswer => FindingLevel.Note,
        _ => null,
    };

    public static string Display(FindingLevel level) => level switch
    {
        FindingLevel.Satisfies => "satisfies",
        FindingLevel.Note => "note",
        FindingLevel.NeedsAnswer => "needs an answer",
        FindingLevel.Violation => "violation",
        _ => "violation",
    };
}
