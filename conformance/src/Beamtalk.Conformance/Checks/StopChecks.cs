using System.Diagnostics;
using System.Net.Sockets;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// ISO-STOP: a stopped workspace is gone. A compiler daemon or server left behind keeps the cookie in memory and
/// its sockets open, while its owner believes nothing is running.
/// </summary>
public static class StopChecks
{
    /// <summary>How long the workspace's processes get to finish after stop returns: a clean exit takes milliseconds.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    [Requirement("ISO-STOP")]
    [KnownBad(Defect.DaemonOutlivesStop)]
    public sealed class NothingOutlivesStop : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            await using var instance = await context.StartInstanceAsync(cancellationToken);
            var port = instance.Port;
            var session = context.Target.SpeaksProtocol ? await ReplProtocol.AuthenticateAsync(port, instance.ReadCookie(), cancellationToken) : null;
            try
            {
                // Helpers may start with a session's first compile; stop with them running and a client attached.
                if (session is not null && await LimitProbe.FailsControlAsync(session, cancellationToken) is { } control)
                {
                    return new CheckResult.Inconclusive($"the session does not evaluate, so the workspace's helpers may never have started: {control}.");
                }

                var family = instance.Processes();
                var unixSockets = SocketTable.ListenersOf(family).Where(l => l.Kind == SocketKind.Unix).Select(l => l.UnixPath).OfType<string>().Distinct().ToList();
                await instance.StopAsync(cancellationToken);

                var waited = Stopwatch.StartNew();
                IReadOnlyList<int> alive = family.Where(ProcessTree.IsAlive).ToList();
                while (alive.Count > 0 && waited.Elapsed < Grace)
                {
                    await Task.Delay(PollInterval, cancellationToken);
                    alive = family.Where(ProcessTree.IsAlive).ToList();
                }

                if (alive.Count > 0)
                {
                    var listening = SocketTable.ListenersOf(alive);
                    return new CheckResult.Violation($"{Grace.TotalSeconds:0} s after stop, {alive.Count} of the workspace's {family.Count} process(es) still run: "
                        + string.Join("; ", alive.Select(pid => $"pid {pid} ({string.Join(' ', ProcessTree.CommandLineOf(pid).Take(3))})"))
                        + (listening.Count > 0 ? $", listening on {string.Join(", ", listening)}" : string.Empty) + ".");
                }

                if (await AnswersAsync(port, cancellationToken))
                {
                    return new CheckResult.Violation($"every process of the workspace ended, yet 127.0.0.1:{port} still accepts connections after stop.");
                }

                return new CheckResult.Pass($"all {family.Count} process(es) of the workspace (with a session open{(session is null ? string.Empty : " that had evaluated")}) ended within {waited.Elapsed.TotalSeconds:0.0} s of stop; port {port} refuses connections"
                    + (unixSockets.Count > 0 ? $"; {unixSockets.Count} Unix socket(s) had listened before stop" : string.Empty) + ".");
            }
            finally
            {
                if (session is not null)
                {
                    await session.DisposeAsync();
                }
            }
        }
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
