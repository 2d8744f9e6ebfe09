namespace Beamtalk.Conformance.Checks;

/// <summary>The requirement does not hold. The message starts with the requirement ID and never contains a secret.</summary>
public sealed class RequirementViolationException(string requirementId, string detail)
    : Exception($"{requirementId}: {detail}")
{
    public string RequirementId { get; } = requirementId;

    public string Detail { get; } = detail;
}

/// <summary>
/// The check itself broke (an I/O error, an unexpected reply): the kit cannot judge, which is
/// never a pass and never a failure of the target.
/// </summary>
public sealed class CheckErrorException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The check could not run against this target (a prerequisite or feature is absent): graded Missing.</summary>
public sealed class CheckNotApplicableException(string requirementId, string reason)
    : Exception($"{requirementId}: {reason}")
{
    public string RequirementId { get; } = requirementId;
}

/// <summary>The check ran, but its evidence cannot decide: graded Inconclusive, never Pass.</summary>
public sealed class CheckInconclusiveException(string requirementId, string reason)
    : Exception($"{requirementId}: {reason}")
{
    public string RequirementId { get; } = requirementId;
}

/// <summary>What a passing check observed, for the report.</summary>
public sealed record Evidence(string RequirementId, string Summary)
{
    public override string ToString() => $"{RequirementId}: {Summary}";
}
