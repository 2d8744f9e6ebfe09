using System.Globalization;
using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.Observation;

/// <summary>
/// A file or folder as the kernel saw it created: who, when, with which requested mode (<see cref="Mode"/>), and,
/// when the trace shows it, the umask in force and so the mode the file really got (<see cref="EffectiveMode"/>).
/// </summary>
public sealed record Creation(string Path, UnixFileMode Mode, string Syscall, int Pid, double Time)
{
    public string OctalMode => Convert.ToString((int)Mode, 8).PadLeft(4, '0');

    /// <summary>The umask in force in the creating process at that instant; null when the trace cannot tell.</summary>
    public UnixFileMode? Umask { get; init; }

    /// <summary>How the umask is known: a traced umask() call, or the umask the kit started the command under.</summary>
    public string? UmaskSource { get; init; }

    /// <summary>
    /// The mode the file came into existence with: the requested mode under the umask (0666 under 077 is 0600); the
    /// requested mode itself when the umask is unknown. A default ACL on the parent folder would replace the umask;
    /// the trace does not show ACLs.
    /// </summary>
    public UnixFileMode EffectiveMode => Umask is { } umask ? Mode & ~umask : Mode;

    public string OctalEffectiveMode => Convert.ToString((int)EffectiveMode, 8).PadLeft(4, '0');

    /// <summary>For evidence: both modes and which one the kit saw, e.g. "requested 0666 under umask 0077 (umask(0077) traced in pid 12): effective 0600".</summary>
    public string DescribeModes() => Umask is { } umask
        ? $"requested {OctalMode} under umask {UmaskTrace.Octal(umask)} ({UmaskSource}): effective {OctalEffectiveMode}"
        : $"requested {OctalMode}, umask unknown (taken as effective)";

    public override string ToString() => $"{Syscall}(\"{Path}\", {OctalMode}) by pid {Pid}";
}

/// <summary>
/// Reads strace output (<c>-ff -ttt -y</c>: one file per thread, absolute timestamps, fds shown
/// with their paths) and recovers every file and folder creation and every rename. Under umask 000
/// the requested mode is the mode the file had at the instant it came to exist.
/// </summary>
public static partial class CreationTrace
{
    /// <summary>The syscalls that can create a file or folder, or move one into place, and execve (argv and environment of every program run).</summary>
    public const string Syscalls = "open,openat,openat2,creat,mkdir,mkdirat,rename,renameat,renameat2,link,linkat,execve,execveat," + UmaskSyscalls;

    /// <summary>umask() and every way a process or thread comes to be, so each creation's umask can be followed back.</summary>
    public const string UmaskSyscalls = "umask,clone,clone3,fork,vfork";

    /// <param name="startUmask">The umask the traced commands were started under; null when unknown.</param>
    public static (IReadOnlyList<Creation> Creations, IReadOnlyList<(string From, string To, double Time)> Renames) Read(string directory, UnixFileMode? startUmask = null)
    {
        var creations = new List<Creation>();
        var renames = new List<(string, string, double)>();
        var umasks = new UmaskTrace(startUmask);
        foreach (var (pid, line) in SyscallTracer.Lines(directory))
        {
            umasks.Add(line, pid);
            if (Parse(line, pid) is { } creation)
            {
                creations.Add(creation);
            }
            else if (ParseRename(line) is { } rename)
            {
                renames.Add(rename);
            }
        }

        var withUmask = creations.Select(c => umasks.At(c.Pid, c.Time) is { } umask ? c with { Umask = umask.Mask, UmaskSource = umask.Source } : c);
        return ([.. withUmask.OrderBy(c => c.Time)], [.. renames.OrderBy(r => r.Item3)]);
    }

    /// <summary>
    /// The first creation of <paramref name="path"/>, following renames backwards: a cookie written
    /// to a temporary file and renamed into place was born with the temporary file's mode.
    /// </summary>
    public static Creation? Origin(string path, IReadOnlyList<Creation> creations, IReadOnlyList<(string From, string To, double Time)> renames)
    {
        var current = path;
        var before = double.MaxValue;
        for (var hops = 0; hops < 16; hops++)
        {
            var movedIn = renames.LastOrDefault(r => r.To == current && r.Time < before);
            if (movedIn == default)
            {
                return creations.FirstOrDefault(c => c.Path == current && c.Time < before);
            }

            current = movedIn.From;
            before = movedIn.Time;
        }

        return null;
    }

    internal static Creation? Parse(string line, int pid)
    {
        var open = OpenCall().Match(line);
        if (open.Success && open.Groups["flags"].Value.Contains("O_CREAT", StringComparison.Ordinal))
        {
            return new Creation(open.Groups["result"].Value, Mode(open.Groups["mode"].Value), open.Groups["call"].Value, pid, Time(open));
        }

        var creat = CreatCall().Match(line);
        if (creat.Success)
        {
            return new Creation(creat.Groups["result"].Value, Mode(creat.Groups["mode"].Value), "creat", pid, Time(creat));
        }

        var mkdir = MkdirCall().Match(line);
        if (mkdir.Success)
        {
            var directory = mkdir.Groups["dir"].Success ? mkdir.Groups["dir"].Value : null;
            var path = mkdir.Groups["path"].Value;
            var absolute = path.StartsWith('/') ? path : directory is null ? null : System.IO.Path.Combine(directory, path);
            return absolute is null ? null : new Creation(System.IO.Path.GetFullPath(absolute), Mode(mkdir.Groups["mode"].Value), mkdir.Groups["call"].Value, pid, Time(mkdir));
        }

        return null;
    }

    private static (string, string, double)? ParseRename(string line)
    {
        var rename = RenameCall().Match(line);
        if (!rename.Success)
        {
            return null;
        }

        string Resolve(string dir, string path) => path.StartsWith('/') || dir.Length == 0 ? path : System.IO.Path.Combine(dir, path);
        return (Resolve(rename.Groups["fromdir"].Value, rename.Groups["from"].Value), Resolve(rename.Groups["todir"].Value, rename.Groups["to"].Value), Time(rename));
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);

    private static double Time(Match match) => double.Parse(match.Groups["time"].Value, CultureInfo.InvariantCulture);

    // 1700000000.123456 openat(AT_FDCWD</cwd>, "/p/cookie", O_WRONLY|O_CREAT|O_EXCL|O_CLOEXEC, 0600) = 51</p/cookie>
    [GeneratedRegex("""^(?<time>\d+\.\d+) (?<call>open|openat|openat2)\((?:[^,]+, )?"(?:[^"\\]|\\.)*", (?<flags>[A-Z_|0-9]+), (?<mode>0[0-7]*)\) = \d+<(?<result>[^>]+)>""")]
    private static partial Regex OpenCall();

    [GeneratedRegex("""^(?<time>\d+\.\d+) creat\("(?:[^"\\]|\\.)*", (?<mode>0[0-7]*)\) = \d+<(?<result>[^>]+)>""")]
    private static partial Regex CreatCall();

    // mkdir("/p/ws", 0700) = 0   |   mkdirat(AT_FDCWD</cwd>, "ws", 0700) = 0
    [GeneratedRegex("""^(?<time>\d+\.\d+) (?<call>mkdir|mkdirat)\((?:[^<,]*<(?<dir>[^>]+)>, )?"(?<path>(?:[^"\\]|\\.)*)", (?<mode>0[0-7]*)\) = 0""")]
    private static partial Regex MkdirCall();

    // rename("/p/.tmp", "/p/cookie") = 0   |   renameat2(AT_FDCWD</d>, "a", AT_FDCWD</d>, "b", 0) = 0
    [GeneratedRegex("""^(?<time>\d+\.\d+) (?:rename|link)(?:at2?)?\((?:[^<,]*<(?<fromdir>[^>]+)>, )?"(?<from>(?:[^"\\]|\\.)*)", (?:[^<,]*<(?<todir>[^>]+)>, )?"(?<to>(?:[^"\\]|\\.)*)"(?:, [^)]*)?\) = 0""")]
    private static partial Regex RenameCall();
}
