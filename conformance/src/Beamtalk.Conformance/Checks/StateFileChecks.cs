using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// Files are replaced whole or not at all: a reader that catches a cookie half-written is locked out, and
/// one that catches "45" of a port file "45123" sends the cookie to whoever listens on port 45 or 4512.
/// </summary>
public static class StateFileChecks
{
    /// <summary>SECRET-ATOMIC after the first creation: rotation is the other moment the cookie file changes.</summary>
    [Requirement("SECRET-ATOMIC")]
    [KnownBad(Defect.RotatesCookieInPlace)]
    public sealed class RotationReplacesTheCookieWhole : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            if (context.Target.Description.Commands.Rotate is null)
            {
                return new CheckResult.Missing("the target file gives no commands.rotate; the first creation is judged by this requirement's other checks.");
            }

            if (!SyscallTracer.IsAvailable)
            {
                return new CheckResult.Inconclusive("strace is not installed, so how rotation writes the cookie file cannot be seen (run 'make setup' as root, or apt-get install strace).");
            }

            await using var instance = await context.StartInstanceAsync(cancellationToken, new InstanceOptions { TraceSyscalls = true });
            var before = instance.ReadCookie();
            var rotation = await instance.RotateAsync(cancellationToken);
            if (rotation is not { ExitCode: 0 })
            {
                return new CheckResult.Inconclusive($"the rotate command did not succeed, so there was no rotation to watch: {instance.Redact(rotation?.Describe() ?? "not run")}.");
            }

            if (instance.ReadCookie() == before)
            {
                return new CheckResult.Inconclusive("after rotation the cookie file holds the cookie it held before, so no replacement could be watched (SECRET-ROTATE judges that).");
            }

            return Judge(instance, [instance.CookiePath], "create, start and rotate");
        }
    }

    /// <summary>SECRET-STATE-ATOMIC: the files that tell a client where to send the cookie, through a whole life.</summary>
    [Requirement("SECRET-STATE-ATOMIC")]
    [KnownBad(Defect.WritesPortFileInPlace)]
    public sealed class DiscoveryFilesAreReplacedWhole : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            if (!SyscallTracer.IsAvailable)
            {
                return new CheckResult.Inconclusive("strace is not installed, so how the port and pid files are written cannot be seen (run 'make setup' as root, or apt-get install strace).");
            }

            await using var instance = await context.StartInstanceAsync(cancellationToken, new InstanceOptions { TraceSyscalls = true });
            if (instance.DiscoveryFiles.Count == 0)
            {
                return new CheckResult.Missing("the target declares no port or pid file (its port is found from its listening sockets), so there is no such file to judge.");
            }

            var rotated = context.Target.Description.Commands.Rotate is not null && await instance.RotateAsync(cancellationToken) is { ExitCode: 0 };
            await instance.StopAsync(cancellationToken);
            return Judge(instance, instance.DiscoveryFiles, rotated ? "create, start, rotate and stop" : "create, start and stop");
        }
    }

    private static CheckResult Judge(WorkspaceInstance instance, IReadOnlyList<string> files, string moments)
    {
        var inPlace = instance.WriteOpens().Where(o => files.Contains(o.Path)).ToList();
        if (inPlace.Count > 0)
        {
            var named = string.Join("; ", inPlace.Take(3).Select(o => $"{Path.GetFileName(o.Path)}: {o.Flags} by pid {o.Pid}"));
            return new CheckResult.Violation($"during {moments}, {inPlace.Count} open(s) wrote a file at its own name ({named}), so a reader can see it empty or part-written; write a private temporary file and rename it into place.");
        }

        var (_, renames) = instance.Creations();
        var replaced = files.Where(f => renames.Any(r => r.To == f)).Select(Path.GetFileName).ToList();
        if (replaced.Count == 0)
        {
            return new CheckResult.Inconclusive($"strace saw neither a write nor a rename of {string.Join(", ", files.Select(Path.GetFileName))} during {moments}; they may have been written by a path the trace does not cover.");
        }

        return new CheckResult.Pass($"during {moments}, {string.Join(", ", replaced)} only ever came into place by rename or link ({renames.Count(r => files.Contains(r.To))} replacement(s)); no open wrote {(files.Count == 1 ? "it" : "any of them")} at its own name.");
    }
}
