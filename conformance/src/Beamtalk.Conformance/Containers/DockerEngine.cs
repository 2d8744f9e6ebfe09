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
            throw Prerequisite.Unavailable("a Docker engine", $"{problem} (make setup installs docker.io and starts dockerd when run as root)");
        }
    }

    private static async Task<string?> FindProblemAsync()
    {
        var run = await DockerCli.RunAsync(["info", "--format", "{{.ServerVersion}}"], CancellationToken.None, TimeSpan.FromSeconds(20));
        return run.ExitCode switch
        {
            0 => null,
            127 => "the docker command is not installed",
            _ => $"'docker info' failed: {DockerCli.FirstLine(run.StandardError)}",
        };
    }

    private static void SetIfUnset(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
