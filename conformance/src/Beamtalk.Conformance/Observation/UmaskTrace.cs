using System.Globalization;
using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.Observation;

/// <summary>
/// Which umask was in force in a traced process at a given instant, from the umask() calls and the process
/// creations strace recorded. A file's effective mode is its requested mode under that umask: an implementation that
/// calls umask(077) and creates its cookie 0666 gets a 0600 file, and is right to rely on it. The umask is per
/// process, copied at fork, and shared by threads created with CLONE_FS; a process that never called umask() has the
/// one it inherited, back to the umask the traced command was started under.
/// </summary>
public sealed partial class UmaskTrace
{
    private readonly List<(int Pid, double Time, UnixFileMode Mask)> _calls = [];
    private readonly Dictionary<int, (int Parent, double Time, bool SharesUmask)> _births = [];
    private readonly UnixFileMode? _start;
    private readonly Dictionary<int, HashSet<int>> _sharing = [];

    /// <param name="start">The umask the traced command started under; null when the kit does not know it.</param>
    public UmaskTrace(UnixFileMode? start) => _start = start;

    /// <summary>Records one strace line of <paramref name="pid"/>'s trace file, if it is a umask() call or a process creation.</summary>
    public void Add(string line, int pid)
    {
        var call = UmaskCall().Match(line);
        if (call.Success)
        {
            _calls.Add((pid, Time(call), (UnixFileMode)Convert.ToInt32(call.Groups["mask"].Value, 8)));
            return;
        }

        var birth = ProcessCreation().Match(line);
        if (birth.Success && int.TryParse(birth.Groups["child"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var child) && child > 0)
        {
            _births[child] = (pid, Time(birth), birth.Groups["args"].Value.Contains("CLONE_FS", StringComparison.Ordinal));
        }
    }

    /// <summary>The umask in force in <paramref name="pid"/> at <paramref name="time"/>, and how the kit knows it; null when it cannot tell.</summary>
    public (UnixFileMode Mask, string Source)? At(int pid, double time)
    {
        for (var hops = 0; hops < 256; hops++)
        {
            var sharing = Sharing(pid);
            var before = _calls.Where(c => sharing.Contains(c.Pid) && c.Time < time).ToList();
            if (before.Count > 0)
            {
                var last = before.MaxBy(c => c.Time);
                return (last.Mask, $"umask({Octal(last.Mask)}) traced in pid {last.Pid}");
            }

            // No call in this process (or its threads) before then: the umask it was forked with.
            var origin = sharing.FirstOrDefault(p => !_births.TryGetValue(p, out var b) || !b.SharesUmask);
            if (!_births.TryGetValue(origin, out var birth))
            {
                return _start is { } start ? (start, "the umask the kit started the command under") : null;
            }

            (pid, time) = (birth.Parent, birth.Time);
        }

        return null;
    }

    /// <summary>The process and every thread (CLONE_FS) that shares its umask.</summary>
    private HashSet<int> Sharing(int pid)
    {
        if (_sharing.TryGetValue(pid, out var known))
        {
            return known;
        }

        var group = new HashSet<int> { pid };
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (child, birth) in _births.Where(b => b.Value.SharesUmask))
            {
                if (group.Contains(child) != group.Contains(birth.Parent))
                {
                    group.Add(child);
                    group.Add(birth.Parent);
                    changed = true;
                }
            }
        }

        return _sharing[pid] = group;
    }

    /// <summary>A live process's umask now, from the Umask line of /proc/PID/status; null when it is gone or unreadable.</summary>
    public static UnixFileMode? OfProcess(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Umask:", StringComparison.Ordinal));
            return line is null ? null : (UnixFileMode)Convert.ToInt32(line["Umask:".Length..].Trim(), 8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    private static double Time(Match match) => double.Parse(match.Groups["time"].Value, CultureInfo.InvariantCulture);

    // 1700000000.123456 umask(077)            = 022
    [GeneratedRegex(@"^(?<time>\d+\.\d+) umask\((?<mask>0?[0-7]+)\)\s*= ")]
    private static partial Regex UmaskCall();

    // clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, ...) = 6387  |  vfork() = 6383  |  clone3({flags=CLONE_VM|CLONE_FS|..., ...}, 88) = 6446
    [GeneratedRegex(@"^(?<time>\d+\.\d+) (?:clone3?|v?fork)\((?<args>.*)\)\s*= (?<child>\d+)")]
    private static partial Regex ProcessCreation();
}
