using Beamtalk.Conformance.Core;

namespace Beamtalk.Conformance.Containers;

/// <summary>Whether a Docker engine answers, asked once per run; CT-* checks are Missing (or, under CI=true, an error) without one.</summary>
internal static class DockerEngine
{
    private static readonly Lazy<Task<string?>> Problem = new(FindProblemAsync);

    static DockerEngine()
    {
        // Debian's engine (20.10) speaks API 1.41 at most, and the resource reaper would need a pulled image:
        // containers are removed by the checks themselves, in finally blocks.
        SetIfUnset("DOCKER_API_VERSION", "1.41");
        SetIfUnset("TESTCONTAINERS_RYUK_DISABLED", "true");
    }

    /// <summary>Returns when an engine answers; otherwise throws the prerequisite's outcome for <paramref name="requirementId"/>.</summary>
    public static async Task RequireAsync(string requirementId)
    {
        if (await Problem.Value is { } problem)
        {
            throw Prerequisite.Unavailable("a Docker engine", problem);
        }
    }

    /// <summary>
    /// Why no engine can be used, with the action that fixes it. An engine that runs but refuses this user's connection
    /// needs no installing: the fixes are access to its socket, an engine of the user's own, or root.
    /// </summary>
    internal static string? Describe(int exitCode, string standardError) => exitCode switch
    {
        0 => null,
        127 => "the docker command is not installed (as root, make setup installs docker.io and starts dockerd)",
        _ when standardError.Contains("permission denied", StringComparison.OrdinalIgnoreCase) =>
            $"a Docker engine runs, but this user may not use its socket ('docker info': {DockerCli.FirstLine(standardError)}); " +
            "add the user to group docker (then log in again), or run rootless Docker and set DOCKER_HOST to its socket, or run as root",
        _ => $"'docker info' failed: {DockerCli.FirstLine(standardError)} (as root, make setup starts dockerd; " +
            "without root, run rootless Docker and set DOCKER_HOST to its socket)",
    };

    private static async Task<string?> FindProblemAsync()
    {
        var run = await DockerCli.RunAsync(["info", "--format", "{{.ServerVersion}}"], CancellationToken.None, TimeSpan.FromSeconds(20));
        return Describe(run.ExitCode, run.StandardError);
    }

    private static void SetIfUnset(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
