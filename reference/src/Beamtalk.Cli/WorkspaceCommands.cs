using System.CommandLine;
using System.Net;
using Beamtalk.Workspace.Compiler;
using Beamtalk.Workspace.Diagnostics;
using Beamtalk.Workspace.Server;
using Beamtalk.Workspace.Storage;

namespace Beamtalk.Cli;

/// <summary><c>beamtalk workspace create|start|stop|status|list</c>, and the hidden <c>serve</c> the server process runs.</summary>
internal static class WorkspaceCommands
{
    public static Command Build(CliContext context)
    {
        var workspace = new Command("workspace", "Create, start, stop and inspect workspaces.");
        workspace.Subcommands.Add(Create(context));
        workspace.Subcommands.Add(Start(context));
        workspace.Subcommands.Add(Stop(context));
        workspace.Subcommands.Add(Status(context));
        workspace.Subcommands.Add(List(context));
        workspace.Subcommands.Add(RotateCookie(context));
        workspace.Subcommands.Add(Serve(context));
        workspace.Subcommands.Add(CompilerDaemonCommand());
        return workspace;
    }

    private static Argument<string?> NameArgument() => new("name")
    {
        Description = "Workspace name ([A-Za-z0-9_-]+). Default: $BEAMTALK_WORKSPACE, else derived from the current directory.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static Command Create(CliContext context)
    {
        var name = NameArgument();
        var project = new Option<string?>("--project") { Description = "Project directory the workspace belongs to (default: the current directory)." };
        var command = new Command("create", "Create a workspace: a private folder, a fresh 256-bit cookie and metadata.") { name, project };
        command.SetAction(result =>
        {
            var projectPath = WorkspaceId.CanonicalPath(result.GetValue(project) ?? Environment.CurrentDirectory);
            var id = result.GetValue(name) is { } given ? WorkspaceId.Parse(given) : CliContext.DefaultId(projectPath);
            var directory = context.Home.Workspace(id);
            directory.Create(context.Home, projectPath, TimeProvider.System);
            context.Out.WriteLine($"Created workspace {id}");
            context.Out.WriteLine($"  folder: {directory.Path}");
            context.Out.WriteLine($"  cookie: {directory.CookiePath} (owner-only; treat it like an SSH private key)");
            return 0;
        });
        return command;
    }

    private static Command Start(CliContext context)
    {
        var name = NameArgument();
        var bind = new Option<string?>("--bind") { Description = "Address to listen on (default 127.0.0.1). Anything but loopback needs --confirm-network." };
        var confirm = new Option<bool>("--confirm-network") { Description = "Confirm that the REPL, which runs any code for whoever holds the cookie, may be reached from the network." };
        var preAuthTimeout = new Option<double?>("--preauth-timeout") { Description = "Seconds an unauthenticated connection may stay open (default 10, at most 300)." };
        var noSubprocess = new Option<bool>("--no-subprocess") { Description = "Disable System runCommand: in every session. The FFI (Erlang os cmd:) still reaches the OS: this closes the documented API, not every path." };
        var trustCa = new Option<string?>("--trust-ca") { Description = "TEST ONLY: a PEM file of extra roots Http get: trusts (for a test's own TLS server). Hostname verification stays on; logged as a warning." };
        var port = new Option<int?>("--port") { Description = "Listen on this port instead of an ephemeral one (for a container that publishes it)." };
        var foreground = new Option<bool>("--foreground") { Description = "Serve in this process until stopped, instead of in the background (a container's main process)." };
        var command = new Command("start", "Start the workspace's REPL server in the background.") { name, bind, confirm, preAuthTimeout, noSubprocess, trustCa, port, foreground };
        command.SetAction(async (result, cancellationToken) =>
        {
            var directory = context.Open(result.GetValue(name));
            var address = ParseBind(result.GetValue(bind), result.GetValue(confirm));
            var timeout = result.GetValue(preAuthTimeout);
            if (timeout is <= 0 or > 300)
            {
                throw new WorkspaceException(WorkspaceErrorCodes.StartFailed, "--preauth-timeout must be more than 0 and at most 300 seconds.");
            }

            var fixedPort = result.GetValue(port);
            if (fixedPort is <= 0 or > 65535)
            {
                throw new WorkspaceException(WorkspaceErrorCodes.StartFailed, "--port must be between 1 and 65535.");
            }

            directory.ReadCookie();
            directory.ReadMetadata();
            var trustFile = result.GetValue(trustCa) is { } given ? Path.GetFullPath(given) : null;
            _ = HttpTestTrust.Load(trustFile);

            // Concurrent starts queue here; each re-checks inside the lock, so exactly one launches a server.
            using var startLock = await WorkspaceLock.AcquireAsync(directory.StartLockPath, TimeSpan.FromSeconds(60), cancellationToken);
            if (directory.ReadLiveNodeInfo() is { } running)
            {
                throw new WorkspaceException(WorkspaceErrorCodes.AlreadyRunning, $"workspace '{directory.Id}' is already running (pid {running.Pid}, port {running.Port}).");
            }

            if (trustFile is not null)
            {
                context.Error.WriteLine($"WARNING: test only: Http get: also trusts the roots in {trustFile}.");
            }

            string[] serverArguments =
            [
                .. address is null ? Array.Empty<string>() : ["--bind", address.ToString()],
                .. timeout is null ? Array.Empty<string>() : ["--preauth-timeout", timeout.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                .. result.GetValue(noSubprocess) ? ["--no-subprocess"] : Array.Empty<string>(),
                .. trustFile is null ? Array.Empty<string>() : ["--trust-ca", trustFile],
                .. fixedPort is null ? Array.Empty<string>() : ["--port", fixedPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ];
            if (result.GetValue(foreground))
            {
                // The server's own lock refuses a second server; holding the start lock while serving would only stall other starts.
                startLock.Dispose();
                return await ServerLauncher.RunInForegroundAsync(directory, serverArguments, node => AnnounceListening(context, directory.Id, address, node), cancellationToken);
            }

            var node = await ServerLauncher.StartAsync(directory, serverArguments, cancellationToken);
            AnnounceListening(context, directory.Id, address, node);
            return 0;
        });
        return command;
    }

    private static Command Stop(CliContext context)
    {
        var name = NameArgument();
        var command = new Command("stop", "Stop the workspace's REPL server.") { name };
        command.SetAction(async (result, cancellationToken) =>
        {
            var directory = context.Open(result.GetValue(name));
            var node = directory.ReadLiveNodeInfo()
                ?? throw new WorkspaceException(WorkspaceErrorCodes.NotRunning, $"workspace '{directory.Id}' is not running.");
            await ServerLauncher.StopAsync(directory, node, cancellationToken);
            context.Out.WriteLine($"Workspace {directory.Id} stopped");
            return 0;
        });
        return command;
    }

    private static Command Status(CliContext context)
    {
        var name = NameArgument();
        var command = new Command("status", "Show whether a workspace is running, and where.") { name };
        command.SetAction(result =>
        {
            var directory = context.Open(result.GetValue(name));
            var metadata = directory.ReadMetadata();
            var node = directory.ReadLiveNodeInfo();
            context.Out.WriteLine($"workspace: {directory.Id}");
            context.Out.WriteLine($"project:   {metadata.ProjectPath}");
            context.Out.WriteLine($"folder:    {directory.Path}");
            context.Out.WriteLine(node is null ? "state:     stopped" : $"state:     running on {node.BindAddress}:{node.Port} (pid {node.Pid})");
            return 0;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List all workspaces.");
        command.SetAction(_ =>
        {
            var any = false;
            foreach (var directory in context.Home.AllWorkspaces())
            {
                any = true;
                var node = directory.ReadLiveNodeInfo();
                context.Out.WriteLine(node is null ? $"{directory.Id}\tstopped" : $"{directory.Id}\trunning\t{node.BindAddress}:{node.Port}\tpid {node.Pid}");
            }

            if (!any)
            {
                context.Out.WriteLine($"No workspaces in {context.Home.WorkspacesDirectory}");
            }

            return 0;
        });
        return command;
    }

    private static Command RotateCookie(CliContext context)
    {
        var name = NameArgument();
        var command = new Command("rotate-cookie", "Replace the workspace cookie. A running workspace accepts only the new one at once and ends every other open session.") { name };
        command.SetAction(async (result, cancellationToken) =>
        {
            var directory = context.Open(result.GetValue(name));
            var current = directory.ReadCookie();

            // Under the start lock no start is half-way: the workspace is either running (rotate online)
            // or not (rotate the file), never starting with the old cookie in hand.
            using var startLock = await WorkspaceLock.AcquireAsync(directory.StartLockPath, TimeSpan.FromSeconds(60), cancellationToken);
            if (directory.ReadLiveNodeInfo() is not { } node)
            {
                var offline = WorkspaceCookie.Rotate(directory.CookiePath);
                context.Out.WriteLine($"Rotated the cookie of {directory.Id} (now cookie sha256:{offline.Fingerprint}); the workspace is not running.");
                return 0;
            }

            await using var client = await WorkspaceClient.ConnectAsync(directory, node, cancellationToken);
            var reply = await client.RequestAsync(new() { ["op"] = "rotate-cookie", ["cookie"] = current.Reveal() }, cancellationToken);
            if (reply["error"]?.GetValue<string>() is { } error)
            {
                throw new WorkspaceException(WorkspaceErrorCodes.RotateFailed, $"the workspace refused to rotate its cookie: {error}.");
            }

            context.Out.WriteLine($"Rotated the cookie of {directory.Id} (now cookie sha256:{directory.ReadCookie().Fingerprint}); {reply["sessions_ended"]?.GetValue<int>() ?? 0} other open session(s) ended.");
            return 0;
        });
        return command;
    }

    private static Command Serve(CliContext context)
    {
        var id = new Argument<string>("id");
        var nonce = new Option<string>("--nonce") { Required = true };
        var bind = new Option<string?>("--bind");
        var preAuthTimeout = new Option<double?>("--preauth-timeout");
        var noSubprocess = new Option<bool>("--no-subprocess");
        var trustCa = new Option<string?>("--trust-ca");
        var port = new Option<int?>("--port");
        var command = new Command(ServerProcess.ServeVerb, "Run the REPL server in the foreground (started by 'workspace start').") { id, nonce, bind, preAuthTimeout, noSubprocess, trustCa, port };
        command.Hidden = true;
        command.SetAction(async (result, cancellationToken) =>
        {
            var directory = context.Home.Workspace(WorkspaceId.Parse(result.GetValue(id)!));
            // 'start' already required --confirm-network for a non-loopback bind; serve is internal and trusts its parent.
            var address = result.GetValue(bind) is { } given ? IPAddress.Parse(given) : null;
            var options = ServerOptionsFor(context, address, result.GetValue(preAuthTimeout), result.GetValue(noSubprocess), result.GetValue(trustCa), result.GetValue(port));
            await new WorkspaceServer(directory, options, TimeProvider.System).RunAsync(result.GetValue(nonce)!, cancellationToken);
            return 0;
        });
        return command;
    }

    private static ServerOptions ServerOptionsFor(CliContext context, IPAddress? address, double? preAuthTimeout, bool noSubprocess, string? trustFile, int? port)
    {
        var options = new ServerOptions
        {
            Compiler = new CompilerOptions([.. ServerLauncher.SelfCommand(), "workspace", CompilerDaemonVerb], context.Home.SessionsDirectory),
            SubprocessesAllowed = !noSubprocess,
            HttpTestTrustFile = trustFile,
            Port = port ?? 0,
        };
        if (address is not null)
        {
            options.BindAddress = address;
        }

        if (preAuthTimeout is { } seconds)
        {
            options.PreAuthTimeout = TimeSpan.FromSeconds(seconds);
        }

        return options;
    }

    private static void AnnounceListening(CliContext context, WorkspaceId id, IPAddress? address, NodeInfo node)
    {
        if (address is not null && !IPAddress.IsLoopback(address))
        {
            context.Error.WriteLine(NetworkWarning(address, node.Port));
        }

        context.Out.WriteLine($"Workspace {id} listening on {node.BindAddress}:{node.Port} (pid {node.Pid})");
    }

    private const string CompilerDaemonVerb = "compiler-daemon";

    /// <summary>The compiler process a session's server starts (ADR 0058 2a); it exits when its parent closes its stdin.</summary>
    private static Command CompilerDaemonCommand()
    {
        var socket = new Option<string>("--socket") { Required = true };
        var command = new Command(CompilerDaemonVerb, "Run one session's compiler daemon (started by the server).") { socket };
        command.Hidden = true;
        command.SetAction((result, cancellationToken) =>
            CompilerDaemon.RunAsync(result.GetValue(socket)!, Console.In, Console.Out, cancellationToken));
        return command;
    }

    private static IPAddress? ParseBind(string? bind, bool confirmed)
    {
        if (bind is null)
        {
            return null;
        }

        if (!IPAddress.TryParse(bind, out var address))
        {
            throw new WorkspaceException(WorkspaceErrorCodes.NetworkBindRefused, $"'{bind}' is not an IP address.");
        }

        if (!IPAddress.IsLoopback(address) && !confirmed)
        {
            throw new WorkspaceException(
                WorkspaceErrorCodes.NetworkBindRefused,
                $"refusing to bind {address}: the REPL runs any code for whoever holds the cookie, and {address} is reachable from other machines. Add --confirm-network if that is what you want.");
        }

        return address;
    }

    private static string NetworkWarning(IPAddress address, int port) =>
        $"WARNING: REPL server bound to {address}:{port}, accepting connections from the network. The cookie is the only gate; restrict network access.";
}
