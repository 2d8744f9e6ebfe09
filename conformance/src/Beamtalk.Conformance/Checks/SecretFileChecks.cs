using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// SECRET-FILE-MODE: the cookie and its folder are private to their owner, even under umask 000,
/// and never were broader, not even between creating a file and narrowing it with chmod.
/// </summary>
public static class SecretFileChecks
{
    private const string Id = "SECRET-FILE-MODE";

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Requirement(Id)]
    [KnownBad(Defect.CookieUnderUmask)]
    [KnownBad(Defect.ChmodsCookieAfterWriting)]
    public sealed class CookieIsPrivate : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            // umask 000 removes the safety net: only modes the target asks for at open()/mkdir() remain,
            // and strace shows those requested modes at the instant each file comes to exist.
            var traced = SyscallTracer.IsAvailable;
            await using var instance = target.NewInstance(new InstanceOptions { Umask = "000", TraceSyscalls = traced });
            await instance.CreateAsync(cancellationToken);
            var afterCreate = Inspect(instance, "after create");
            await instance.StartAsync(cancellationToken);
            var afterStart = Inspect(instance, "after start");
            if (!traced)
            {
                return new CheckResult.Inconclusive($"{afterStart}, but strace is not installed, so a broader mode between creation and chmod cannot be ruled out (run 'make setup' as root, or apt-get install strace).");
            }

            var birth = BirthModes(instance);
            return new CheckResult.Pass($"under umask 000: {afterCreate}; {afterStart}; {birth}.");
        }
    }

    private static string BirthModes(WorkspaceInstance instance)
    {
        var (creations, renames) = instance.Creations();
        var folder = CreationTrace.Origin(instance.WorkspaceDirectory, creations, renames);
        var cookie = CreationTrace.Origin(instance.CookiePath, creations, renames);
        if (folder is null || cookie is null)
        {
            throw CheckEnd.Inconclusive($"strace saw {creations.Count} creations but not the {(folder is null ? "workspace folder" : "cookie")}'s; it may have been created by a path the trace does not cover.");
        }

        // The effective mode is what a reader meets: a target may narrow its own umask and rely on it.
        var broad = new[] { ("workspace folder", folder), ("cookie", cookie) }.Where(c => (c.Item2.EffectiveMode & GroupOrOther) != 0).ToList();
        if (broad.Count > 0)
        {
            throw CheckEnd.Violation(string.Join("; ", broad.Select(b => $"the {b.Item1} was created {b.Item2.DescribeModes()} ({b.Item2}) and was readable by others until narrowed")) + ".");
        }

        return $"created as {folder.OctalEffectiveMode} ({folder.Syscall}; {folder.DescribeModes()}) and {cookie.OctalEffectiveMode} ({cookie.Syscall}; {cookie.DescribeModes()})";
    }

    private static string Inspect(WorkspaceInstance instance, string moment)
    {
        var directory = FileStatus.Of(instance.WorkspaceDirectory);
        var cookie = FileStatus.Of(instance.CookiePath);
        if (directory is null || cookie is null)
        {
            // A target may create its cookie at start rather than at create; judge it once started.
            if (moment == "after create")
            {
                return "nothing to inspect after create";
            }

            throw CheckEnd.Violation($"{moment}: no {(directory is null ? "workspace folder" : "cookie file")} at {(directory is null ? instance.WorkspaceDirectory : instance.CookiePath)}.");
        }

        var uid = FileStatus.CurrentUid;
        var problems = new List<string>();
        if (!directory.IsDirectory || (directory.Mode & GroupOrOther) != 0)
        {
            problems.Add($"workspace folder mode {directory.OctalMode} (expected 0700)");
        }

        if ((cookie.Mode & GroupOrOther) != 0 || cookie.IsDirectory)
        {
            problems.Add($"cookie mode {cookie.OctalMode} (expected 0600)");
        }

        if (directory.OwnerUid != uid || cookie.OwnerUid != uid)
        {
            problems.Add($"owners uid {directory.OwnerUid}/{cookie.OwnerUid} (expected {uid}, the workspace user)");
        }

        if (problems.Count > 0)
        {
            throw CheckEnd.Violation($"{moment} under umask 000: {string.Join("; ", problems)}.");
        }

        return $"{moment}: folder {directory.OctalMode}, cookie {cookie.OctalMode}, owner uid {uid}";
    }
}
