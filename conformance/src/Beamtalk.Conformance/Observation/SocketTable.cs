using System.Globalization;
using System.Net;

namespace Beamtalk.Conformance.Observation;

public enum SocketKind
{
    Tcp,
    Udp,
    Unix,
}

/// <summary>A socket a process holds that accepts traffic: a TCP listener, a bound UDP socket, or a listening Unix socket.</summary>
public sealed record Listener(SocketKind Kind, IPEndPoint? Endpoint, string? UnixPath, int Pid)
{
    public bool IsLoopbackOrUnix => Kind == SocketKind.Unix || (Endpoint is not null && IsLoopback(Endpoint.Address));

    public override string ToString() => Kind == SocketKind.Unix
        ? $"unix:{UnixPath ?? "(unnamed)"} (pid {Pid})"
        : $"{Kind.ToString().ToLowerInvariant()}:{Endpoint} (pid {Pid})";

    private static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}

/// <summary>
/// Reads the kernel's socket tables (/proc/PID/net/*, in the process's own network namespace) and
/// matches them to the socket inodes a process holds open in /proc/PID/fd.
/// </summary>
public static class SocketTable
{
    private const string TcpListen = "0A";
    private const string UdpUnconnected = "07";
    private const int UnixAcceptConnections = 0x10000;

    public static IReadOnlyList<Listener> ListenersOf(IEnumerable<int> pids) => Inspect(pids).Listeners;

    /// <summary>
    /// The listeners of <paramref name="pids"/>, and the pids whose open files could not be read
    /// (non-dumpable processes, another user's): a scan that skipped them cannot vouch for them.
    /// </summary>
    public static (IReadOnlyList<Listener> Listeners, IReadOnlyList<int> Uninspectable) Inspect(IEnumerable<int> pids)
    {
        var result = new List<Listener>();
        var uninspectable = new List<int>();
        foreach (var pid in pids)
        {
            var inodes = SocketInodes(pid, out var readable);
            if (!readable && ProcessTree.IsAlive(pid))
            {
                uninspectable.Add(pid);
            }

            if (inodes.Count == 0)
            {
                continue;
            }

            foreach (var (kind, file, state) in new[]
            {
                (SocketKind.Tcp, "tcp", TcpListen), (SocketKind.Tcp, "tcp6", TcpListen),
                (SocketKind.Udp, "udp", UdpUnconnected), (SocketKind.Udp, "udp6", UdpUnconnected),
            })
            {
                foreach (var (endpoint, entryState, inode) in InetEntries(ReadLines($"/proc/{pid}/net/{file}")))
                {
                    if (entryState == state && inodes.Contains(inode))
                    {
                        result.Add(new Listener(kind, endpoint, null, pid));
                    }
                }
            }

            foreach (var (path, flags, inode) in UnixEntries($"/proc/{pid}/net/unix"))
            {
                if ((flags & UnixAcceptConnections) != 0 && inodes.Contains(inode))
                {
                    result.Add(new Listener(SocketKind.Unix, null, path, pid));
                }
            }
        }

        return (result, uninspectable);
    }

    private static HashSet<long> SocketInodes(int pid, out bool readable)
    {
        var inodes = new HashSet<long>();
        readable = true;
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && long.TryParse(target[8..^1], out var inode))
                {
                    inodes.Add(inode);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Either the process exited while we looked (it holds nothing any more) or we may not look.
            readable = false;
        }

        return inodes;
    }

    /// <summary>The listening endpoints in a /proc/net/tcp or tcp6 table read elsewhere (from inside a container).</summary>
    public static IReadOnlyList<IPEndPoint> ListeningIn(string table) =>
        [.. InetEntries(table.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Where(e => e.State == "0A").Select(e => e.Endpoint)];

    private static IEnumerable<(IPEndPoint Endpoint, string State, long Inode)> InetEntries(string[] table)
    {
        foreach (var line in table.Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10)
            {
                continue;
            }

            var local = fields[1].Split(':');
            yield return (new IPEndPoint(ParseAddress(local[0]), int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)),
                fields[3], long.Parse(fields[9], CultureInfo.InvariantCulture));
        }
    }

    private static IEnumerable<(string? Path, int Flags, long Inode)> UnixEntries(string path)
    {
        foreach (var line in ReadLines(path).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 7)
            {
                continue;
            }

            yield return (fields.Length > 7 ? fields[7] : null,
                int.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                long.Parse(fields[6], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The kernel prints addresses as 32-bit words in host byte order (little-endian here).</summary>
    internal static IPAddress ParseAddress(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }

        return new IPAddress(bytes);
    }

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
