using System.Text.Json.Serialization;

namespace Beamtalk.Conformance.Catalogue;

/// <summary>The six security principles of ADR 0058, Part 3.</summary>
public enum Principle
{
    /// <summary>P1: the authentication layer is the boundary.</summary>
    [JsonStringEnumMemberName("P1")]
    P1 = 1,

    /// <summary>P2: zero-config for local development, explicit opt-in for network exposure.</summary>
    [JsonStringEnumMemberName("P2")]
    P2,

    /// <summary>P3: secrets never in REPL output, logs, or metadata.</summary>
    [JsonStringEnumMemberName("P3")]
    P3,

    /// <summary>P4: error isolation is security-relevant.</summary>
    [JsonStringEnumMemberName("P4")]
    P4,

    /// <summary>P5: new network services bind loopback by default.</summary>
    [JsonStringEnumMemberName("P5")]
    P5,

    /// <summary>P6: single user per workspace.</summary>
    [JsonStringEnumMemberName("P6")]
    P6,
}

public static class Principles
{
    public static string Title(Principle principle) => principle switch
    {
        Principle.P1 => "The authentication layer is the boundary",
        Principle.P2 => "Zero-config for local development, explicit opt-in for network exposure",
        Principle.P3 => "Secrets never in REPL output, logs, or metadata",
        Principle.P4 => "Error isolation is security-relevant",
        Principle.P5 => "New network services bind to loopback by default",
        Principle.P6 => "Single user per workspace",
        _ => throw new ArgumentOutOfRangeException(nameof(principle), principle, "Unknown principle."),
    };
}
