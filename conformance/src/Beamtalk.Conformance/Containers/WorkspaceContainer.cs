using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Beamtalk.Conformance.Containers;

/// <summary>
/// One workspace running as the main process of a container built from the target's image (Testcontainers). The
/// container is removed on dispose, whatever happened. Second processes in it run through <c>docker exec -u</c>.
/// </summary>
public sealed class WorkspaceContainer : IAsyncDisposable
{
    private readonly IContainer _container;
    private readonly CookieRegistry _cookies;

    private WorkspaceContainer(CookieRegistry cookies, IContainer container, ContainerUser user, ContainerNetworking networking, int port, string cookiePath)
    {
        _container = container;
        _cookies = cookies;
        User = user;
        Networking = networking;
        Port = port;
        CookiePath = cookiePath;
    }

    /// <summary>The user the workspace runs as.</summary>
    public ContainerUser User { get; }

    public ContainerNetworking Networking { get; }

    /// <summary>The port the workspace listens on inside the container.</summary>
    public int Port { get; }

    /// <summary>The cookie's path inside the container.</summary>
    public string CookiePath { get; }

    public string Id => _container.Id;

    /// <summary>Where the host reaches the container's port: the published loopback port on the bridge, the same port with host networking.</summary>
    public int HostPort => Networking == ContainerNetworking.Host ? Port : _container.GetMappedPublicPort(Port);

    /// <summary>Starts the target's container workspace as <paramref name="user"/>; Missing when the target describes no container or no engine answers.</summary>
    public static async Task<WorkspaceContainer> StartAsync(string requirementId, Target target, ContainerUser user, ContainerNetworking networking, CancellationToken cancellationToken)
    {
        var spec = target.Description.Container
            ?? throw CheckEnd.Missing("the target file has no container section, so the kit cannot build an image of it.");
        await DockerEngine.RequireAsync(requirementId);
        var image = await TargetImages.EnsureAsync(target, spec, cancellationToken);

        var port = FreeLoopbackPort();
        var name = $"conf-{Guid.NewGuid().ToString("N")[..10]}";
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["home"] = user.Home,
            ["workspace"] = name,
            ["port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["targetDir"] = target.Description.BaseDirectory ?? Environment.CurrentDirectory,
        };
        var workspaceDirectory = Placeholders.Expand(target.Description.Layout.WorkspaceDirectory, values);
        values["workspaceDir"] = workspaceDirectory;
        var cookiePath = Path.Combine(workspaceDirectory, Placeholders.Expand(target.Description.Layout.Cookie, values));

        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOME"] = user.Home, ["PATH"] = "/usr/local/bin:/usr/bin:/bin" };
        foreach (var (key, value) in (target.Description.Environment ?? new Dictionary<string, string>()).Concat(spec.Environment ?? new Dictionary<string, string>()))
        {
            environment[key] = Placeholders.Expand(value, values);
        }

        var builder = new ContainerBuilder(image)
            .WithName($"beamtalk-conformance-{name}")
            .WithEntrypoint("/bin/sh", "-c", StartScript(target.Description.Commands.Create, spec.Start, values))
            .WithEnvironment(environment)
            .WithLogger(NullLogger.Instance)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged(new Regex(spec.ReadyLog), o => o.WithTimeout(target.Description.ReadyTimeout)))
            .WithCreateParameterModifier(p =>
            {
                p.User = user.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
                p.HostConfig ??= new HostConfig();
                if (networking == ContainerNetworking.Host)
                {
                    p.HostConfig.NetworkMode = "host";
                }
                else
                {
                    // Published on the host's loopback only: the check itself must not expose anything to the network.
                    var containerPort = $"{port}/tcp";
                    p.ExposedPorts = new Dictionary<string, EmptyStruct> { [containerPort] = default };
                    p.HostConfig.PortBindings = new Dictionary<string, IList<PortBinding>> { [containerPort] = [new PortBinding { HostIP = "127.0.0.1", HostPort = string.Empty }] };
                }
            });

        var container = builder.Build();
        var started = new WorkspaceContainer(target.Cookies, container, user, networking, port, cookiePath);
        try
        {
            await container.StartAsync(cancellationToken);
            return started;
        }
        catch (Exception e)
        {
            // Removed whatever went wrong, cancellation included: a failed start must not leave a container behind.
            var logs = await started.LogsAsync();
            await started.DisposeAsync();
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw CheckEnd.Error($"{requirementId}: the target's container did not log /{spec.ReadyLog}/ ({e.GetType().Name}: {e.Message}). Its output ends with:\n{logs}", e);
        }
    }

    /// <summary>Runs <paramref name="arguments"/> as a second process in the container, as <paramref name="user"/>.</summary>
    public Task<CommandRun> ExecAsync(ContainerUser user, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        DockerCli.RunAsync(["exec", "-u", user.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), Id, .. arguments], cancellationToken, TimeSpan.FromSeconds(30));

    /// <summary>Reads the cookie as <paramref name="user"/> in a process of its own; a value read is remembered so no report can print it.</summary>
    public async Task<CookieRead> ReadCookieAsync(ContainerUser user, CancellationToken cancellationToken)
    {
        var run = await ExecAsync(user, ["/bin/cat", CookiePath], cancellationToken);
        if (run.ExitCode != 0)
        {
            return new CookieRead(user, null, DockerCli.FirstLine(run.StandardError));
        }

        var cookie = run.StandardOutput.Trim();
        _cookies.Remember(cookie);
        return new CookieRead(user, cookie, null);
    }

    /// <summary><c>stat</c> of the cookie: octal mode and owner uid, e.g. "600 1000".</summary>
    public async Task<string> CookieModeAsync(CancellationToken cancellationToken)
    {
        var run = await ExecAsync(ContainerUser.Root, ["/usr/bin/stat", "-c", "%a %u", CookiePath], cancellationToken);
        return run.ExitCode == 0 ? run.StandardOutput.Trim() : $"(stat failed: {DockerCli.FirstLine(run.StandardError)})";
    }

    /// <summary>The TCP listeners of the container's network namespace on the workspace port, as "ADDRESS:PORT".</summary>
    public async Task<IReadOnlyList<string>> ListenersOnPortAsync(CancellationToken cancellationToken)
    {
        var listeners = new List<string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            var run = await ExecAsync(ContainerUser.Root, ["/bin/cat", table], cancellationToken);
            listeners.AddRange(SocketTable.ListeningIn(run.StandardOutput).Where(l => l.Port == Port).Select(l => l.ToString()));
        }

        return listeners;
    }

    /// <summary>The container's output so far, redacted, last lines only: for error messages.</summary>
    public async Task<string> LogsAsync()
    {
        try
        {
            var (stdout, stderr) = await _container.GetLogsAsync();
            var lines = (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return _cookies.Redact(string.Join('\n', lines.TakeLast(15)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"(logs unavailable: {e.Message})";
        }
    }

    public async ValueTask DisposeAsync() => await _container.DisposeAsync();

    private static string StartScript(IReadOnlyList<string>? create, IReadOnlyList<string> start, IReadOnlyDictionary<string, string> values)
    {
        // A typical container's umask; the target must make its secrets private itself.
        var script = "umask 022 && ";
        if (create is not null)
        {
            script += Quote(create, values) + " && ";
        }

        return script + "exec " + Quote(start, values);
    }

    private static string Quote(IReadOnlyList<string> words, IReadOnlyDictionary<string, string> values) =>
        string.Join(' ', words.Select(w => "'" + Placeholders.Expand(w, values).Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    /// <summary>
    /// A port free on the host's loopback now. Host networking needs one the host does not use; on the bridge any
    /// port would do, and one rule keeps both alike.
    /// </summary>
    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

/// <summary>One attempt to read the cookie in the container: the value (never printed), or why it failed.</summary>
public sealed record CookieRead(ContainerUser User, string? Cookie, string? Error)
{
    public bool Succeeded => Cookie is not null;

    public string Describe() => Cookie is { } cookie ? $"{User} read it (sha256:{CookieForms.FingerprintOf(cookie)})" : $"{User} could not: {Error}";
}
