using System.Globalization;
using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.Observation;

/// <summary>A file opened for writing at its own name, as strace saw it: the moment a reader could see it part-written.</summary>
public sealed record WriteOpen(string Path, string Flags, int Pid, double Time)
{
    public override string ToString() => $"open(\"{Path}\", {Flags}) by pid {Pid}";
}

/// <summary>
/// Reads the same strace output as <see cref="CreationTrace"/> for opens that can change a file's
/// content in place: write access, truncation or creation at the file's final name. A file replaced
/// by renaming or linking a finished temporary file over it shows none of these at its own name.
/// </summary>
public static partial class WriteTrace
{
    public static IReadOnlyList<WriteOpen> Read(string directory) =>
        [.. SyscallTracer.Lines(directory).Select(l => Parse(l.Line, l.Pid)).OfType<WriteOpen>().OrderBy(o => o.Time)];

    public static WriteOpen? Parse(string line, int pid)
    {
        var open = OpenCall().Match(line);
        if (!open.Success)
        {
            return null;
        }

        var flags = open.Groups["flags"].Value.Split('|');
        var changes = flags.Any(f => f is "O_WRONLY" or "O_RDWR" or "O_TRUNC" or "O_CREAT" or "O_APPEND");
        return changes
            ? new WriteOpen(open.Groups["result"].Value, open.Groups["flags"].Value, pid, double.Parse(open.Groups["time"].Value, CultureInfo.InvariantCulture))
            : null;
    }

    // 1700000000.123456 openat(AT_FDCWD</cwd>, "/p/port", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = 51</p/port>
    // 1700000000.123456 openat(AT_FDCWD</cwd>, "/p/cookie", O_WRONLY|O_TRUNC) = 3</p/cookie>
    [GeneratedRegex("""^(?<time>\d+\.\d+) (?:open|openat)\((?:[^,]+, )?"(?:[^"\\]|\\.)*", (?<flags>[A-Z_|0-9]+)(?:, 0[0-7]*)?\) = \d+<(?<result>[^>]+)>""")]
    private static partial Regex OpenCall();
}
