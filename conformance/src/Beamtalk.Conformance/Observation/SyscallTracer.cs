using System.Globalization;
using System.Text.RegularExpressions;
using Beamtalk.Conformance.Observation;

namespace Beamtalk.Conformance.Observation;

/// <summary>
/// Runs target commands under strace so the kit sees every file creation with its requested mode.
/// The trace lands in a folder of its own, outside the target's home, and is deleted with the instance.
/// </summary>
public sealed partial class SyscallTracer : IDisposable
{
    private readonly DirectoryInfo _directory = System.IO.Directory.CreateTempSubdirectory("beamtalk-conformance-trace-");

    public static bool IsAvailable => Environment.GetEnvironmentVariable("PATH")?.Split(':').Any(d => File.Exists(Path.Combine(d, "strace"))) == true;

    public string Directory => _directory.FullName;

    /// <summary>The words that go before the traced command.</summary>
    public IReadOnlyList<string> Prefix =>
    [
        "strace", "-ff", "-ttt", "-q", "-y", "--seccomp-bpf",
        // -v and a long -s: execve lines carry whole argv and environment arrays, untruncated.
        "-v", "-s", "65536",
        "-e", $"trace={CreationTrace.Syscalls}",
        "-o", Path.Combine(Directory, "trace"),
        "--",
    ];

    /// <summary>
    /// Whether strace traces <paramref name="pid"/>. strace also forks short-lived probe children of
    /// its own at start-up; only the traced command gets a trace file.
    /// </summary>
    public bool Traces(int pid) => File.Exists(Path.Combine(Directory, $"trace.{pid}"));

    /// <summary>Every execve strace recorded, per pid, as the raw line (argv and environment arrays included).</summary>
    public IEnumerable<(int Pid, string Line)> Execs() =>
        Lines(Directory).Where(l => l.Line.Contains(" execve", StringComparison.Ordinal));

    /// <summary>Every line of a trace folder with the pid of the thread it came from (<c>-ff</c> writes one file a thread: trace.PID).</summary>
    public static IEnumerable<(int Pid, string Line)> Lines(string directory)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "trace.*"))
        {
            var pid = int.TryParse(Path.GetExtension(file).TrimStart('.'), CultureInfo.InvariantCulture, out var p) ? p : 0;
            foreach (var line in File.ReadLines(file))
            {
                yield return (pid, line);
            }
        }
    }

    /// <summary>The exit code strace recorded for <paramref name="pid"/>, once that process has exited.</summary>
    public int? ExitCodeOf(int pid)
    {
        var file = Path.Combine(Directory, $"trace.{pid}");
        if (!File.Exists(file))
        {
            return null;
        }

        var exit = File.ReadLines(file).Select(line => ExitLine().Match(line)).LastOrDefault(m => m.Success);
        return exit is null ? null : int.Parse(exit.Groups["code"].Value, CultureInfo.InvariantCulture);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    [GeneratedRegex(@"\+\+\+ exited with (?<code>\d+) \+\+\+")]
    private static partial Regex ExitLine();
}
