using System.Collections;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Containers;

/// <summary>
/// The docker command line, for what Testcontainers does not do: importing a root file system as an image, removing
/// superseded images, and <c>docker exec -u</c> as a second user.
/// </summary>
internal static class DockerCli
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static Task<CommandRun> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value;
        }

        return CommandRunner.RunAsync(["docker", .. arguments], environment, umask: null, tracer: null, timeout ?? DefaultTimeout, cancellationToken);
    }

    /// <summary>Runs <paramref name="arguments"/> and fails with what docker said when it does not exit 0.</summary>
    public static async Task<string> RequireAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var run = await RunAsync(arguments, cancellationToken);
        return run.ExitCode == 0
            ? run.StandardOutput
            : throw Core.CheckEnd.Error($"{run.Describe()}: {FirstLine(run.StandardError)}");
    }

    public static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "(no output)";
}
