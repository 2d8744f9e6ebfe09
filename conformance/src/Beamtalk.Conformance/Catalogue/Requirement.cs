using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.Catalogue;

/// <summary>
/// One checkable statement of the security model. The ID is stable once published:
/// reports, waivers and the threat model refer to it.
/// </summary>
public sealed partial record Requirement
{
    public Requirement(
        string id,
        RequirementLevel level,
        string title,
        string statement,
        string source,
        IReadOnlyList<Principle> principles,
        Stride threats,
        string verification)
    {
        if (!IdPattern().IsMatch(id))
        {
            throw new ArgumentException($"Requirement ID '{id}' must be upper-case words joined by '-'.", nameof(id));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(statement);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(verification);

        Id = id;
        Level = level;
        Title = title;
        Statement = statement;
        Source = source;
        Principles = principles;
        Threats = threats;
        Verification = verification;
    }

    public string Id { get; }

    public RequirementLevel Level { get; }

    public string Title { get; }

    public string Statement { get; }

    /// <summary>Where the requirement comes from: a seed document and section, or "beyond the seeds" with the reason.</summary>
    public string Source { get; }

    public IReadOnlyList<Principle> Principles { get; }

    public Stride Threats { get; }

    /// <summary>How the suite observes it, in one sentence.</summary>
    public string Verification { get; }

    /// <summary>Assets this requirement guards beyond those of its family (the threat model's asset table).</summary>
    public Asset AlsoGuards { get; init; }

    /// <summary>The accepted risk this requirement demonstrates, for the threat model's caveats; None for most.</summary>
    public DocumentedCaveat Demonstrates { get; init; }

    /// <summary>The family prefix: NET, AUTH, SECRET, ...</summary>
    public string Family => Id[..Id.IndexOf('-', StringComparison.Ordinal)];

    [GeneratedRegex("^[A-Z]+(-[A-Z0-9]+)+$")]
    private static partial Regex IdPattern();
}
