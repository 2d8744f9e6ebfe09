using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace Beamtalk.Conformance.Observation;

/// <summary>How a TCP connection attempt from the namespace ended.</summary>
public enum ConnectOutcome
{
    /// <summary>The three-way handshake completed: something accepts connections there.</summary>
    Connected,

    /// <summary>The host answered with a reset: nothing listens on that address and port.</summary>
    Refused,

    /// <summary>No answer within the attempt's time limit.</summary>
    TimedOut,

    /// <summary>The kernel reported no route or an unreachable host or network.</summary>
    Unreachable,
}

/// <summary>One connection attempt from inside the namespace.</summary>
public sealed record ConnectAttempt(IPAddress Address, int Port, ConnectOutcome Outcome, TimeSpan Elapsed, string Detail)
{
    public bool Connected => Outcome == ConnectOutcome.Connected;

    public override string ToString() =>
        $"{Address}:{Port} {Outcome.ToString().ToLowerInvariant()} after {Elapsed.TotalMilliseconds:0} ms{(Detail.Length > 0 ? $" ({Detail})" : string.Empty)}";
}

/// <summary>
/// Network namespaces cannot be used here: <c>ip</c> is missing, or the process lacks the
/// capabilities (CAP_NET_ADMIN, CAP_SYS_ADMIN) that root has. The message says why and how to fix it.
/// </summary>
public sealed class NetworkNamespaceUnavailableException(string reason)
    : Exception($"{reason}; {NetworkNamespace.Fix}")
{
    public string Reason { get; } = reason;
}

/// <summary>
/// "Another machine" for reachability checks: a fresh network namespace joined to this host by a
/// veth pair on a private /30 that nothing on the host uses. The namespace's only routes are that
/// /30 and its own loopback, so whatever runs inside it can reach the host-side veth address and
/// nothing else; <see cref="ConnectToHostAsync"/> only ever targets that address. Dispose removes
/// the veth pair and the namespace, and never throws.
/// </summary>
public sealed class NetworkNamespace : IAsyncDisposable
{
    public const string Fix = "run as root; make setup installs iproute2";

    public const int PrefixLength = 30;

    private const int CapNetAdmin = 12;
    private const int CapSysAdmin = 21;
    private const int SubnetAttempts = 3;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LinkUpTimeout = TimeSpan.FromSeconds(5);
    private static readonly string[] ExtraPath = ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/bin", "/bin"];

    private readonly Tools _tools;
    private readonly Action<string> _log;
    private readonly List<string> _cleanupProblems = [];
    private bool _namespaceAdded;
    private bool _vethAdded;
    private bool _disposed;

    private NetworkNamespace(Tools tools, Action<string> log, string suffix, uint subnet)
    {
        _tools = tools;
        _log = log;
        Name = $"btc-{suffix}";
        HostInterface = $"btch{suffix}";
        NamespaceInterface = $"btcn{suffix}";
        Subnet = subnet;
        HostAddress = ToAddress(subnet + 1);
        NamespaceAddress = ToAddress(subnet + 2);
    }

    /// <summary>The namespace's name, as <c>ip netns list</c> shows it.</summary>
    public string Name { get; }

    /// <summary>The host's end of the veth pair.</summary>
    public string HostInterface { get; }

    /// <summary>The namespace's end of the veth pair (visible only inside the namespace).</summary>
    public string NamespaceInterface { get; }

    /// <summary>The host-side veth address: the only address the namespace can reach.</summary>
    public IPAddress HostAddress { get; }

    /// <summary>The namespace-side veth address: where the "other machine" connects from.</summary>
    public IPAddress NamespaceAddress { get; }

    /// <summary>The /30 joining the two, e.g. 10.254.17.4/30.</summary>
    public string SubnetText => $"{ToAddress(Subnet)}/{PrefixLength}";

    /// <summary>What went wrong while cleaning up, if anything (also written to the log).</summary>
    public IReadOnlyList<string> CleanupProblems
    {
        get
        {
            lock (_cleanupProblems)
            {
                return [.. _cleanupProblems];
            }
        }
    }

    private uint Subnet { get; }

    public override string ToString() =>
        $"network namespace {Name} (veth {HostInterface} {HostAddress} on the host, {NamespaceInterface} {NamespaceAddress} inside, {SubnetText})";

    /// <summary>
    /// Creates the namespace and its veth pair. Throws <see cref="NetworkNamespaceUnavailableException"/>
    /// when namespaces cannot be used here; on any other failure everything created so far is removed first.
    /// </summary>
    /// <param name="log">Where cleanup problems are reported; default standard error.</param>
    public static async Task<NetworkNamespace> CreateAsync(CancellationToken cancellationToken, Action<string>? log = null)
    {
        var tools = Prerequisites();
        log ??= message => Console.Error.WriteLine($"beamtalk-conformance: {message}");
        for (var attempt = 1; ; attempt++)
        {
            var subnet = await FreeSubnetAsync(tools, cancellationToken);
            var created = new NetworkNamespace(tools, log, RandomNumberGenerator.GetHexString(8, lowercase: true), subnet);
            try
            {
                await created.SetUpAsync(cancellationToken);
                // Another run may have picked the same /30 between our look and our add; then both back off.
                if (!await created.SubnetIsSharedAsync(cancellationToken))
                {
                    return created;
                }

                await created.DisposeAsync();
                if (attempt == SubnetAttempts)
                {
                    throw new InvalidOperationException($"every /30 picked ({SubnetAttempts} tries, last {created.SubnetText}) was taken by another interface while it was being set up.");
                }
            }
            catch
            {
                await created.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Attempts a TCP connection from inside the namespace to <see cref="HostAddress"/> on
    /// <paramref name="port"/>, bounded by <paramref name="timeLimit"/> (default 3 s). Never any other address.
    /// </summary>
    public async Task<ConnectAttempt> ConnectToHostAsync(int port, CancellationToken cancellationToken, TimeSpan? timeLimit = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var seconds = Math.Max(1, (int)Math.Ceiling((timeLimit ?? TimeSpan.FromSeconds(3)).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        // bash opens /dev/tcp/ADDR/PORT with connect(2); exit 0 means the handshake completed.
        var run = await RunAsync(
            [_tools.Ip, "netns", "exec", Name, _tools.Timeout, "-k", "1", seconds, _tools.Bash, "-c", "exec 3<>\"/dev/tcp/$1/$2\"", "bash", HostAddress.ToString(), port.ToString(CultureInfo.InvariantCulture)],
            cancellationToken);
        var elapsed = clock.Elapsed;
        var error = run.StandardError.Trim();
        var outcome = run.ExitCode switch
        {
            0 => ConnectOutcome.Connected,
            124 or 137 or -1 => ConnectOutcome.TimedOut,
            _ when error.Contains("Connection refused", StringComparison.Ordinal) => ConnectOutcome.Refused,
            _ when error.Contains("timed out", StringComparison.Ordinal) => ConnectOutcome.TimedOut,
            _ when error.Contains("No route to host", StringComparison.Ordinal) || error.Contains("unreachable", StringComparison.Ordinal) => ConnectOutcome.Unreachable,
            _ => (ConnectOutcome?)null,
        };
        if (outcome is null)
        {
            throw new InvalidOperationException($"could not attempt a connection from {Name}: {Describe(run)}");
        }

        var detail = outcome == ConnectOutcome.Connected ? string.Empty : LastLine(error);
        return new ConnectAttempt(HostAddress, port, outcome.Value, elapsed, detail);
    }

    /// <summary>Removes the veth pair and the namespace. Never throws; problems are logged and kept in <see cref="CleanupProblems"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_vethAdded)
        {
            // Deleting one end of a veth pair deletes both.
            await CleanUpAsync([_tools.Ip, "link", "del", HostInterface], $"deleting veth {HostInterface}", "Cannot find device");
        }

        if (_namespaceAdded)
        {
            await CleanUpAsync([_tools.Ip, "netns", "del", Name], $"deleting network namespace {Name}", "No such file");
        }
    }

    /// <summary>Why namespaces cannot be used here, or null when they can (ip present, CAP_NET_ADMIN and CAP_SYS_ADMIN held).</summary>
    public static string? Unavailability()
    {
        try
        {
            Prerequisites();
            return null;
        }
        catch (NetworkNamespaceUnavailableException e)
        {
            return e.Message;
        }
    }

    private static Tools Prerequisites()
    {
        var ip = Find("ip") ?? throw new NetworkNamespaceUnavailableException("the 'ip' command (iproute2) is not installed, so no network namespace can play another host");
        var timeout = Find("timeout") ?? throw new NetworkNamespaceUnavailableException("the 'timeout' command (coreutils) is not installed");
        var bash = Find("bash") ?? throw new NetworkNamespaceUnavailableException("bash is not installed; it makes the connection attempt from inside the namespace");
        var capabilities = EffectiveCapabilities();
        var missing = new[] { (CapNetAdmin, "CAP_NET_ADMIN"), (CapSysAdmin, "CAP_SYS_ADMIN") }
            .Where(c => capabilities is not { } held || (held & (1UL << c.Item1)) == 0)
            .Select(c => c.Item2)
            .ToList();
        if (missing.Count > 0)
        {
            var uid = FileStatus.CurrentUid;
            throw new NetworkNamespaceUnavailableException(uid == 0
                ? $"running as root but without {string.Join(" and ", missing)} (a container started without them?), which network namespaces and veth pairs need"
                : $"not running as root (uid {uid}): network namespaces and veth pairs need {string.Join(" and ", missing)}");
        }

        return new Tools(ip, timeout, bash);
    }

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraPath)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    private static ulong? EffectiveCapabilities()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
            return line is not null && ulong.TryParse(line["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A random 10.254.X.Y/30 that overlaps no address and no route on this host.</summary>
    private static async Task<uint> FreeSubnetAsync(Tools tools, CancellationToken cancellationToken)
    {
        var used = await UsedPrefixesAsync(tools, cancellationToken);
        for (var i = 0; i < 200; i++)
        {
            var candidate = (10u << 24) | (254u << 16) | ((uint)Random.Shared.Next(256) << 8) | ((uint)Random.Shared.Next(64) << 2);
            if (!used.Any(u => u.Overlaps(new IpJson.Prefix(candidate, PrefixLength))))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("no free /30 in 10.254.0.0/16: every candidate overlaps an address or route on this host.");
    }

    /// <summary>Every IPv4 prefix this host has an address in or a route to (default routes aside).</summary>
    private static async Task<IReadOnlyList<IpJson.Prefix>> UsedPrefixesAsync(Tools tools, CancellationToken cancellationToken)
    {
        var addresses = await RunCheckedAsync(tools, [tools.Ip, "-j", "-4", "addr", "show"], cancellationToken);
        var routes = await RunCheckedAsync(tools, [tools.Ip, "-j", "-4", "route", "show", "table", "all"], cancellationToken);
        return [.. IpJson.Addresses(addresses.StandardOutput).Select(a => a.Prefix), .. IpJson.RouteDestinations(routes.StandardOutput)];
    }

    private static IPAddress ToAddress(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    private async Task SetUpAsync(CancellationToken cancellationToken)
    {
        var add = await RunAsync([_tools.Ip, "netns", "add", Name], cancellationToken);
        if (add.ExitCode != 0)
        {
            if (add.StandardError.Contains("Operation not permitted", StringComparison.Ordinal) || add.StandardError.Contains("Permission denied", StringComparison.Ordinal))
            {
                throw new NetworkNamespaceUnavailableException($"the kernel refused to create a network namespace ({LastLine(add.StandardError.Trim())})");
            }

            throw new InvalidOperationException($"could not create network namespace {Name}: {Describe(add)}");
        }

        _namespaceAdded = true;
        // The peer is created directly inside the namespace: it is never an interface of this host.
        _vethAdded = true;
        var veth = await RunAsync([_tools.Ip, "link", "add", HostInterface, "type", "veth", "peer", "name", NamespaceInterface, "netns", Name], cancellationToken);
        if (veth.ExitCode != 0)
        {
            throw new InvalidOperationException($"could not create veth pair {HostInterface}/{NamespaceInterface}: {Describe(veth)}");
        }

        string[][] steps =
        [
            [_tools.Ip, "addr", "add", $"{HostAddress}/{PrefixLength}", "dev", HostInterface],
            [_tools.Ip, "link", "set", HostInterface, "up"],
            [_tools.Ip, "-n", Name, "link", "set", "lo", "up"],
            [_tools.Ip, "-n", Name, "addr", "add", $"{NamespaceAddress}/{PrefixLength}", "dev", NamespaceInterface],
            [_tools.Ip, "-n", Name, "link", "set", NamespaceInterface, "up"],
        ];
        foreach (var step in steps)
        {
            await RunCheckedAsync(_tools, step, cancellationToken);
        }

        await WaitUntilUpAsync(cancellationToken);
    }

    /// <summary>Waits (bounded) until both ends report operational state UP, so a first connection attempt is meaningful.</summary>
    private async Task WaitUntilUpAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var host = await RunCheckedAsync(_tools, [_tools.Ip, "-j", "link", "show", "dev", HostInterface], cancellationToken);
            var inside = await RunCheckedAsync(_tools, [_tools.Ip, "-n", Name, "-j", "link", "show", "dev", NamespaceInterface], cancellationToken);
            if (IpJson.OperationalState(host.StandardOutput) == "UP" && IpJson.OperationalState(inside.StandardOutput) == "UP")
            {
                return;
            }

            if (clock.Elapsed > LinkUpTimeout)
            {
                throw new InvalidOperationException($"the veth pair did not come up within {LinkUpTimeout.TotalSeconds:0} s: host side '{host.StandardOutput.Trim()}', namespace side '{inside.StandardOutput.Trim()}'.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    /// <summary>Whether an interface other than ours has an address in our /30 (a concurrent run that picked the same one).</summary>
    private async Task<bool> SubnetIsSharedAsync(CancellationToken cancellationToken)
    {
        var addresses = await RunCheckedAsync(_tools, [_tools.Ip, "-j", "-4", "addr", "show"], cancellationToken);
        var ours = new IpJson.Prefix(Subnet, PrefixLength);
        return IpJson.Addresses(addresses.StandardOutput).Any(a => a.Interface != HostInterface && a.Prefix.Overlaps(ours));
    }

    private async Task CleanUpAsync(string[] command, string what, string alreadyGone)
    {
        try
        {
            var run = await RunAsync(command, CancellationToken.None);
            if (run.ExitCode != 0 && !run.StandardError.Contains(alreadyGone, StringComparison.Ordinal))
            {
                Problem($"{what} failed: {Describe(run)}");
            }
        }
        catch (Exception e)
        {
            Problem($"{what} failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private void Problem(string message)
    {
        lock (_cleanupProblems)
        {
            _cleanupProblems.Add(message);
        }

        try
        {
            _log($"cleanup of {Name}: {message}");
        }
        catch (Exception)
        {
            // A broken log must not turn cleanup into a failure.
        }
    }

    private Task<CommandRun> RunAsync(IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        RunAsync(_tools, command, cancellationToken);

    private static Task<CommandRun> RunAsync(Tools tools, IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(command, tools.Environment, umask: null, tracer: null, CommandTimeout, cancellationToken);

    private static async Task<CommandRun> RunCheckedAsync(Tools tools, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var run = await RunAsync(tools, command, cancellationToken);
        return run.ExitCode == 0 ? run : throw new InvalidOperationException($"network namespace set-up: {Describe(run)}");
    }

    private static string Describe(CommandRun run) => $"{run.Describe()}: {LastLine(run.StandardError.Trim())}";

    private static string LastLine(string text) => text.Split('\n').LastOrDefault()?.Trim() ?? string.Empty;

    private sealed record Tools(string Ip, string Timeout, string Bash)
    {
        /// <summary>A fixed, minimal environment: English error messages to classify, and a PATH that finds ip.</summary>
        public IReadOnlyDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["PATH"] = string.Join(':', ExtraPath),
            ["LC_ALL"] = "C",
        };
    }
}
