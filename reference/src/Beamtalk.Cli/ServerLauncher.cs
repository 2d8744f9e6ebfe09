using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Beamtalk.Workspace.Diagnostics;
using Beamtalk.Workspace.Storage;

namespace Beamtalk.Cli;

/// <summary>
/// Starts the workspace server as its own background process and stops it again. The server gets
/// only the workspace ID and a start nonce on its command line; it reads the cookie from its file.
/// </summary>
internal static partial class ServerLauncher
{
    private const int SigTerm = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public static async Task<NodeInfo> StartAsync(WorkspaceDirectory workspace, IReadOnlyList<string> serverArguments, CancellationToken cancellationToken)
    {
        var nonce = NewNonce();
        workspace.EnsureServerOutputFile();

        // sh only redirects the standard streams to the owner-only server.out and hands over to
        // setsid, so the server outlives this CLI and no pipe of ours keeps it (or our caller) waiting.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in (string[])["-c", "exec setsid \"$@\" </dev/null >>\"$0\" 2>&1", workspace.ServerOutputPath])
        {
            start.ArgumentList.Add(argument);
        }

        AddServeCommand(start, workspace, nonce, serverArguments);
        using var process = Process.Start(start)
            ?? throw new WorkspaceException(WorkspaceErrorCodes.StartFailed, "could not start the server process.");
        return await WaitUntilListeningAsync(workspace, nonce, process, cancellationToken);
    }

    /// <summary>
    /// Runs the server as a child that shares this process's output, and returns its exit code once it stops: the
    /// shape a container's main process needs. SIGTERM and SIGINT are passed on, so stopping the container stops the
    /// server cleanly. The child is still the <c>serve</c> process, so every other command recognises it by its nonce.
    /// </summary>
    public static async Task<int> RunInForegroundAsync(WorkspaceDirectory workspace, IReadOnlyList<string> serverArguments, Action<NodeInfo> listening, CancellationToken cancellationToken)
    {
        var nonce = NewNonce();
        var start = new ProcessStartInfo(SelfCommand()[0]) { UseShellExecute = false };
        AddServeCommand(start, workspace, nonce, serverArguments, skipHost: true);
        using var process = Process.Start(start)
            ?? throw new WorkspaceException(WorkspaceErrorCodes.StartFailed, "could not start the server process.");
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Forward);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Forward);
        listening(await WaitUntilListeningAsync(workspace, nonce, process, cancellationToken));
        await process.WaitForExitAsync(CancellationToken.None);
        return process.ExitCode;

        void Forward(PosixSignalContext context)
        {
            context.Cancel = true;
            _ = Kill(process.Id, SigTerm);
        }
    }

    private static void AddServeCommand(ProcessStartInfo start, WorkspaceDirectory workspace, string nonce, IReadOnlyList<string> serverArguments, bool skipHost = false)
    {
        var words = SelfCommand().Skip(skipHost ? 1 : 0).Concat(["workspace", ServerProcess.ServeVerb, workspace.Id.Value, ServerProcess.NonceOption, nonce]).Concat(serverArguments);
        foreach (var argument in words)
        {
            start.ArgumentList.Add(argument);
        }
    }

    private static async Task<NodeInfo> WaitUntilListeningAsync(WorkspaceDirectory workspace, string nonce, Process process, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (workspace.ReadPortFile() is { } published && published.Nonce == nonce && workspace.ReadLiveNodeInfo() is { } node && node.Nonce == nonce)
            {
                return node;
            }

            if (process.HasExited)
            {
                throw new WorkspaceException(
                    WorkspaceErrorCodes.StartFailed,
                    $"the server exited with code {process.ExitCode} before listening. Its output ({workspace.ServerOutputPath}) ends with:\n{Tail(workspace.ServerOutputPath)}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        throw new WorkspaceException(WorkspaceErrorCodes.StartFailed, $"the server did not start listening within {StartTimeout.TotalSeconds:0} s; see {workspace.ServerOutputPath}.");
    }

    /// <summary>Asks the server to stop over the protocol (which re-checks the cookie), then falls back to SIGTERM.</summary>
    public static async Task StopAsync(WorkspaceDirectory workspace, NodeInfo node, CancellationToken cancellationToken)
    {
        try
        {
            await using var client = await WorkspaceClient.ConnectAsync(workspace, node, cancellationToken);
            await client.RequestAsync(new() { ["op"] = "shutdown", ["cookie"] = workspace.ReadCookie().Reveal() }, cancellationToken);
        }
        catch (WorkspaceException)
        {
            // An unresponsive server still gets the signal below.
        }

        if (await ExitedAsync(node, workspace.Id, cancellationToken))
        {
            return;
        }

        if (ServerProcess.IsRunning(node, workspace.Id))
        {
            _ = Kill(node.Pid, SigTerm);
        }

        if (!await ExitedAsync(node, workspace.Id, cancellationToken))
        {
            throw new WorkspaceException(WorkspaceErrorCodes.StopFailed, $"the server (pid {node.Pid}) did not stop within {StopTimeout.TotalSeconds * 2:0} s.");
        }

        workspace.ClearRuntimeFiles();
    }

    private static async Task<bool> ExitedAsync(NodeInfo node, WorkspaceId id, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StopTimeout)
        {
            if (!ServerProcess.IsRunning(node, id))
            {
                return true;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        return false;
    }

    /// <summary>How to run this same program again: the apphost, or <c>dotnet beamtalk.dll</c>.</summary>
    /// <summary>Tells this start's server apart from a stale one in the port and node files.</summary>
    internal static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    internal static string[] SelfCommand()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        return Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? [host, Assembly.GetEntryAssembly()!.Location]
            : [host];
    }

    private static string Tail(string path)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            return string.Join('\n', lines.TakeLast(20));
        }
        catch (IOException e)
        {
            return $"(unreadable: {e.Message})";
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
