namespace Beamtalk.Conformance.Checks;

/// <summary>One rule for a check whose prerequisite (a second OS user, a Docker engine) cannot be had.</summary>
internal static class CheckPrerequisite
{
    /// <summary>
    /// Missing with the reason; except under CI=true, where the kit runs as root and is expected to set up everything
    /// itself: there it is an error, never a skip.
    /// </summary>
    public static Exception Unavailable(string requirementId, string what, string reason, Exception? inner = null) =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? new CheckErrorException($"{requirementId}: cannot have {what}: {reason}; CI=true, so this is an error, not a skip.", inner)
            : new CheckNotApplicableException(requirementId, $"cannot have {what}: {reason}.");
}
