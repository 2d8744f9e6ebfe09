using System.Net.Sockets;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// NET-UDS: the compiler daemon's Unix socket (any listening Unix socket under the workspace's home)
/// sits in an owner-only folder, is owner-only itself, and a second OS user cannot connect to it. Every
/// other Unix listener of the tree must at least refuse that user too.
/// </summary>
public static class UnixSocketChecks
{
    private const string Id = "NET-UDS";
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Requirement(Id)]
    [KnownBad(Defect.DaemonSocketOpenToAll)]
    [KnownBad(Defect.CompilesInProcessWithGuards)]
    public sealed class DaemonSocketIsPrivate : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            if (!target.SpeaksProtocol)
            {
                return new CheckResult.Missing("the target speaks no protocol, so no session can start its compiler daemon.");
            }

            using var owner = CheckUsers.Create(Id, "owner");
            using var other = CheckUsers.Create(Id, "other");
            ProveProbeWorks(other);

            // A home others may traverse (0755, like a typical one): only the workspace's own modes may keep them out.
            await using var instance = await context.StartInstanceAsync(cancellationToken, new InstanceOptions { RunAs = owner });

            // Daemons may start with the session or with its first compile: hold a session that has compiled.
            await using var session = await ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), cancellationToken);
            if (await LimitProbe.FailsControlAsync(session, cancellationToken) is { } control)
            {
                return new CheckResult.Inconclusive($"the session does not evaluate: {control}.");
            }

            var (listeners, uninspectable) = SocketTable.Inspect(instance.Processes());
            if (uninspectable.Count > 0)
            {
                return new CheckResult.Inconclusive($"the open files of pid(s) {string.Join(", ", uninspectable)} cannot be read, so their sockets are unknown.");
            }

            var unix = listeners.Where(l => l.Kind == SocketKind.Unix).DistinctBy(l => l.UnixPath).ToList();
            var home = Path.GetFullPath(instance.Home) + Path.DirectorySeparatorChar;
            var daemonSockets = unix.Where(l => l.UnixPath is { } p && p.StartsWith(home, StringComparison.Ordinal)).ToList();
            if (daemonSockets.Count == 0)
            {
                var none = $"with a session open and compiling, no listening Unix socket of the workspace's tree lies under its home. Unix listeners: {Describe(unix)}.";
                return context.Target.Description.CompilerDaemon == true
                    ? new CheckResult.Violation($"the target states its compiler runs as a daemon behind a Unix socket, yet {none}")
                    : new CheckResult.Missing($"{none} The target does not state that it has a compiler daemon (compilerDaemon).");
            }

            foreach (var listener in unix)
            {
                var path = listener.UnixPath;
                if (path is null || path.StartsWith('@'))
                {
                    return new CheckResult.Violation($"{listener} is an abstract or unnamed socket: no file mode guards it, so any local user can connect.");
                }

                var status = FileStatus.Of(path) ?? throw CheckEnd.Inconclusive($"cannot stat {path}.");
                var folder = FileStatus.Of(Path.GetDirectoryName(path)!);
                var isDaemon = daemonSockets.Contains(listener);
                if ((status.Mode & GroupOrOther) != 0)
                {
                    return new CheckResult.Violation($"socket {Shown(path, home)} has mode {status.OctalMode}; it must be 0600.");
                }

                if (isDaemon && (folder is null || (folder.Mode & GroupOrOther) != 0))
                {
                    return new CheckResult.Violation($"socket {Shown(path, home)} lives in a folder with mode {folder?.OctalMode ?? "unknown"}; it must be 0700.");
                }

                var (code, output) = other.RunAs("nc", "-U", "-z", path);
                if (code == 0)
                {
                    return new CheckResult.Violation($"{other.Name} connected to {Shown(path, home)} of a workspace run by {owner.Name}.");
                }

                _ = output;
            }

            return new CheckResult.Pass($"workspace run by {owner.Name}: daemon socket(s) {string.Join(", ", daemonSockets.Select(l => $"{Shown(l.UnixPath!, home)} (pid {l.Pid})"))} are owner-only in owner-only folders; "
                + $"{other.Name} could connect to none of the {unix.Count} listening Unix socket(s) of the tree, while it could connect to a world-writable control socket.");
        }
    }

    /// <summary>A listening socket anyone may use, which the other user must reach: otherwise a refusal would prove nothing.</summary>
    private static void ProveProbeWorks(OsUser other)
    {
        var folder = Directory.CreateTempSubdirectory("btc-uds-control-").FullName;
        try
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            var path = Path.Combine(folder, "control.sock");
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);
            listener.Listen(4);
            var (code, output) = other.RunAs("nc", "-U", "-z", path);
            if (code != 0)
            {
                throw CheckEnd.Inconclusive($"{other.Name} cannot connect even to a world-writable control socket (nc -U: {output.Trim()}); is netcat-openbsd installed (scripts/setup.sh)?");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Shown(string path, string home) =>
        path.StartsWith(home, StringComparison.Ordinal) ? "{home}/" + path[home.Length..] : path;

    private static string Describe(IReadOnlyList<Listener> unix) => unix.Count == 0 ? "none" : string.Join(", ", unix);
}
