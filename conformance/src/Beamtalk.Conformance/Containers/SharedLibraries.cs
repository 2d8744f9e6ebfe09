using System.Text.RegularExpressions;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Containers;

/// <summary>The shared libraries an ELF file loads, as the host's <c>ldd</c> resolves them (the program interpreter included).</summary>
internal static partial class SharedLibraries
{
    public static async Task<IReadOnlyList<string>> OfAsync(string elfFile, CancellationToken cancellationToken)
    {
        var run = await CommandRunner.RunAsync(["ldd", elfFile], new Dictionary<string, string?> { ["PATH"] = "/usr/bin:/bin" }, null, null, TimeSpan.FromSeconds(30), cancellationToken);
        if (run.ExitCode != 0)
        {
            // Static executables and files that are not loadable objects have nothing to add.
            return run.StandardOutput.Contains("not a dynamic executable", StringComparison.Ordinal) || run.StandardError.Contains("not a dynamic executable", StringComparison.Ordinal)
                ? []
                : throw CheckEnd.Error($"{run.Describe()}: {DockerCli.FirstLine(run.StandardError)}");
        }

        // A library this host lacks ("=> not found") belongs to an optional plugin (the runtime's LTTng trace provider):
        // what runs here runs without it, so it is not needed in the image either.
        return [.. LibraryPath().Matches(run.StandardOutput).Select(m => m.Groups["path"].Value)];
    }

    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)".
    [GeneratedRegex(@"^\s*(?:\S+\s+=>\s+)?(?<path>/\S+)\s+\(0x[0-9a-f]+\)", RegexOptions.Multiline)]
    private static partial Regex LibraryPath();
}
