namespace Beamtalk.Conformance.Observation;

/// <summary>
/// How /proc is mounted, from /proc/self/mountinfo. Without <c>hidepid</c> every local user lists every process and
/// reads its command line (and ps shows it); with <c>hidepid=invisible</c> (or 2) they see only their own.
/// </summary>
public sealed record ProcMount(string? HidePid, string? Subset)
{
    /// <summary>The mount of /proc in this mount namespace (the last one over /proc wins); null when none is found.</summary>
    public static ProcMount? Current()
    {
        try
        {
            return Parse(File.ReadLines("/proc/self/mountinfo"));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads mountinfo lines: "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS";
    /// hidepid and subset are per-superblock options, after the separator.
    /// </summary>
    public static ProcMount? Parse(IEnumerable<string> mountinfo)
    {
        ProcMount? found = null;
        foreach (var line in mountinfo)
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (fields.Length < 5 || separator < 0 || separator + 3 >= fields.Length || fields[4] != "/proc" || fields[separator + 1] != "proc")
            {
                continue;
            }

            var options = fields[separator + 3].Split(',');
            string? Option(string name) => options.FirstOrDefault(o => o.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
            found = new ProcMount(Option("hidepid"), Option("subset"));
        }

        return found;
    }

    /// <summary>Whether other users' processes are hidden from a user (hidepid=2/invisible) or at least unreadable (1/noaccess).</summary>
    public bool HidesOthersProcesses => HidePid is "1" or "2" or "noaccess" or "invisible";

    public string Describe() => HidePid is null or "0" or "off"
        ? "/proc is mounted without hidepid, so every local user can list every process and read its command line"
        : $"/proc is mounted with hidepid={HidePid}{(Subset is null ? string.Empty : $",subset={Subset}")}, so a user {(HidesOthersProcesses ? "cannot read" : "can read")} other users' process details";
}
