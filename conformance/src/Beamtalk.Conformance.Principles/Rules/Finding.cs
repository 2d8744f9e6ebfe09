using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Principles.Analysis;

namespace Beamtalk.Conformance.Principles.Rules;

/// <summary>
/// One thing the change does to the security model: which rule saw it, where, what it saw, and at which level
/// (a rule's level, lowered to a note in test code). Evidence quotes code, never a secret's value: the check
/// only ever sees names.
/// </summary>
public sealed record Finding(Rule Rule, Location Where, string Evidence, FindingLevel Level, IReadOnlyList<Location> Related, bool InTestCode)
{
    public Principle Principle => Rule.Principles[0];

    /// <summary>Set when a comment <c>principles-ignore: RULE-ID reason</c> acknowledges the finding.</summary>
    public string? Acknowledged { get; init; }
}
