using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.Observation;

/// <summary>One program start seen by strace: its argument vector and its environment, as text.</summary>
public sealed partial record ExecRecord(int Pid, string Program, string Arguments, string Environment)
{
    /// <summary>Parses <c>execve("/bin/x", ["x", "-a"], ["K=V", ...]) = 0</c>; null for any other line.</summary>
    public static ExecRecord? Parse(int pid, string line)
    {
        var match = ExecLine().Match(line);
        return match.Success
            ? new ExecRecord(pid, match.Groups["program"].Value, match.Groups["argv"].Value, match.Groups["envp"].Value)
            : null;
    }

    [GeneratedRegex("""execve(?:at)?\((?:[^,]+, )?"(?<program>(?:[^"\\]|\\.)*)", \[(?<argv>.*?)\], \[(?<envp>.*)\](?:, [^)]*)?\) = """)]
    private static partial Regex ExecLine();
}
