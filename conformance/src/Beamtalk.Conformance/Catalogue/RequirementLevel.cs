namespace Beamtalk.Conformance.Catalogue;

/// <summary>How strongly a requirement binds a target, in the sense of RFC 2119.</summary>
public enum RequirementLevel
{
    /// <summary>Must hold; a failure fails the gate.</summary>
    Must,

    /// <summary>Should hold; a failure is reported as Non-strict and does not fail the gate.</summary>
    Should,

    /// <summary>An accepted risk the sources document; the test shows it behaves as documented.</summary>
    Caveat,

    /// <summary>Informational only.</summary>
    Info,
}
