using System.Diagnostics;
using System.Globalization;

namespace Beamtalk.Conformance.Observation;

/// <summary>Mode and owner of a file, read the way any observer would (stat), without following links.</summary>
public sealed record FileStatus(UnixFileMode Mode, uint OwnerUid, bool IsDirectory)
{
    public static uint CurrentUid => Posix.GetUid();

    public string OctalMode => Convert.ToString((int)Mode, 8).PadLeft(4, '0');

    /// <summary>Whether <paramref name="path"/> is a regular file now: opening a FIFO to read it would wait for a writer for ever.</summary>
    public static bool IsRegularFile(string path) => Describe(path) is { } fields && fields[2].StartsWith("regular", StringComparison.Ordinal);

    public static FileStatus? Of(string path) =>
        Describe(path) is { } fields
            ? new FileStatus((UnixFileMode)Convert.ToInt32(fields[0], 8), uint.Parse(fields[1], CultureInfo.InvariantCulture), fields[2] == "directory")
            : null;

    private static string[]? Describe(string path)
    {
        // .NET exposes the mode but not the owner; stat(1) gives both in one portable call.
        var start = new ProcessStartInfo("stat") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--format=%a %u %F", "--", path])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            return null;
        }

        return output.Trim().Split(' ', 3);
    }
}
