using System.Net;
using System.Net.WebSockets;
using Beamtalk.Workspace.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Beamtalk.Workspace.Server;

/// <summary>
/// The workspace's REPL server: a WebSocket endpoint at <c>/ws</c>. It publishes node.info and the
/// port file only once it is listening, and removes them when it stops.
/// </summary>
public sealed class WorkspaceServer
{
    private readonly WorkspaceDirectory _workspace;
    private readonly ServerOptions _options;
    private readonly TimeProvider _clock;
    private int _pendingAuthentications;

    public WorkspaceServer(WorkspaceDirectory workspace, ServerOptions options, TimeProvider clock)
    {
        _workspace = workspace;
        _options = options;
        _clock = clock;
    }

    /// <summary>Runs until SIGTERM, SIGINT or an authenticated shutdown.</summary>
    public async Task RunAsync(string nonce, CancellationToken cancellationToken)
    {
        _workspace.EnsureUsable();
        using var serverLock = WorkspaceLock.TryAcquire(_workspace.ServerLockPath)
            ?? throw new Diagnostics.WorkspaceException(Diagnostics.WorkspaceErrorCodes.AlreadyRunning, $"workspace '{_workspace.Id}' already has a running server.");
        var cookie = new CurrentCookie(_workspace.ReadCookie());
        var metadata = _workspace.ReadMetadata();

        using var log = new WorkspaceLog(_workspace.LogPath, _clock);
        var compiler = _options.Compiler ?? throw new InvalidOperationException("ServerOptions.Compiler must name the compiler process.");
        var testRoots = HttpTestTrust.Load(_options.HttpTestTrustFile);
        var sessions = new SessionRegistry(new Language.SessionOptions { SubprocessesAllowed = _options.SubprocessesAllowed, HttpTestRoots = testRoots }, session => new Compiler.CompilerProcess(compiler, session, log));

        var builder = WebApplication.CreateSlimBuilder();
        // Framework logging goes nowhere: only typed, reviewed events reach workspace.log.
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(_options.BindAddress, _options.Port);
        });

        await using var app = builder.Build();
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Map("/ws", context => AcceptAsync(context, cookie, sessions, log, lifetime));

        await app.StartAsync(cancellationToken);
        var port = BoundPort(app);
        var started = _clock.GetUtcNow();
        var bind = _options.BindAddress.ToString();

        _workspace.WriteNodeInfo(new NodeInfo($"beamtalk_workspace_{_workspace.Id}", port, Environment.ProcessId, started, nonce, bind));
        _workspace.WriteMetadata(metadata with { LastActive = started, ReplPort = port });
        _workspace.WritePortFile(port, nonce);
        log.Write(LogEvent.ServerStarted, ("bind", bind), ("port", port), ("pid", Environment.ProcessId));
        if (_options.HttpTestTrustFile is { } trustFile)
        {
            log.Write(LogEvent.HttpTestTrust, ("file", trustFile), ("roots", testRoots.Count), ("note", "test only: Http get: trusts these roots besides the system's"));
        }

        if (!IPAddress.IsLoopback(_options.BindAddress))
        {
            log.Write(LogEvent.NetworkBindWarning, ("bind", bind), ("port", port));
        }

        try
        {
            await app.WaitForShutdownAsync(cancellationToken);
        }
        finally
        {
            log.Write(LogEvent.ServerStopping, ("port", port));
            await sessions.RemoveAllAsync();
            _workspace.ClearRuntimeFiles();
        }
    }

    private async Task AcceptAsync(HttpContext context, CurrentCookie cookie, SessionRegistry sessions, WorkspaceLog log, IHostApplicationLifetime lifetime)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var peer = $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
        var refusal = UpgradePolicy.Check(context.Request.Headers.Host.ToString(), context.Request.Headers.Origin.ToString(), context.Connection.LocalPort, !IPAddress.IsLoopback(_options.BindAddress));
        if (refusal != UpgradeRefusal.None)
        {
            // The header values are unauthenticated input: the log gets the reason, never the value.
            log.Write(LogEvent.UpgradeRefused, ("peer", peer), ("reason", refusal == UpgradeRefusal.ForeignHost ? "foreign_host" : "foreign_origin"));
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (Interlocked.Increment(ref _pendingAuthentications) > _options.MaxPendingAuthentications)
        {
            // Refused before the WebSocket exists, so a flood costs one HTTP response per connection.
            Interlocked.Decrement(ref _pendingAuthentications);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var pending = true;
        void LeavePending()
        {
            if (pending)
            {
                pending = false;
                Interlocked.Decrement(ref _pendingAuthentications);
            }
        }

        try
        {
            await ServeConnectionAsync(context, peer, cookie, sessions, log, lifetime, LeavePending);
        }
        finally
        {
            // Whatever happens from here on, the slot this connection took is given back.
            LeavePending();
        }
    }

    private async Task ServeConnectionAsync(HttpContext context, string peer, CurrentCookie cookie, SessionRegistry sessions, WorkspaceLog log, IHostApplicationLifetime lifetime, Action leavePending)
    {
        log.Write(LogEvent.ConnectionOpened, ("peer", peer));
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new ReplConnection(new MessageChannel(socket), peer, cookie, _workspace, _options, sessions, log, lifetime.StopApplication, leavePending);
        try
        {
            await connection.RunAsync(lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // A client that vanishes mid-message is routine; it must not disturb other connections.
            log.Write(LogEvent.ConnectionFault, ("peer", peer), ("fault", e.GetType().Name));
        }
        finally
        {
            log.Write(LogEvent.ConnectionClosed, ("peer", peer));
        }
    }

    private static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The server reports no bound address.");
        var address = addresses.Single();
        return new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
    }
}
