using System.Text;

namespace Beamtalk.Conformance.Observation;

/// <summary>Processes as /proc shows them: parents, command lines, environments.</summary>
public static class ProcessTree
{
    /// <summary>The root and all its descendants that are still alive.</summary>
    public static IReadOnlyList<int> Of(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var pid in AllPids())
        {
            if (ParentOf(pid) is { } parent)
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
        }

        var result = new List<int>();
        var pending = new Stack<int>();
        if (IsAlive(root))
        {
            pending.Push(root);
        }

        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            result.Add(pid);
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                pending.Push(child);
            }
        }

        return result;
    }

    /// <summary>Processes whose environment holds <paramref name="marker"/> as one whole entry: the ones a kit instance started.</summary>
    public static IReadOnlyList<int> Carrying(string marker)
    {
        var self = Environment.ProcessId;
        return [.. AllPids().Where(pid => pid != self && EnvironmentOf(pid).Contains(marker, StringComparer.Ordinal))];
    }

    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && StateOf(pid) is not ('Z' or 'X' or null);

    public static IReadOnlyList<string> CommandLineOf(int pid) => ReadNulSeparated($"/proc/{pid}/cmdline");

    public static IReadOnlyList<string> EnvironmentOf(int pid) => ReadNulSeparated($"/proc/{pid}/environ");

    public static int? ParentOf(int pid)
    {
        var fields = StatFields(pid);
        return fields is { Length: > 1 } && int.TryParse(fields[1], out var parent) ? parent : null;
    }

    /// <summary>
    /// User and system CPU time the process has used, in seconds; null once it is gone. USER_HZ, the unit of
    /// /proc/PID/stat, is 100 on every Linux ABI whatever the kernel's own tick rate.
    /// </summary>
    public static double? CpuSecondsOf(int pid)
    {
        var fields = StatFields(pid);
        return fields is { Length: > 12 } && long.TryParse(fields[11], out var user) && long.TryParse(fields[12], out var system)
            ? (user + system) / 100.0
            : null;
    }

    private static char? StateOf(int pid)
    {
        var fields = StatFields(pid);
        return fields is { Length: > 0 } && fields[0].Length == 1 ? fields[0][0] : null;
    }

    /// <summary>The fields after the command name: the name may hold spaces and parentheses, so split after the last ')'.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end < 0 ? null : stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<int> AllPids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var pid) ? pid : 0)
            .Where(pid => pid > 0);

    private static string[] ReadNulSeparated(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path)).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
