using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// SECRET-PARENT-MODES: a private workspace folder protects nothing if a folder above it is writable by
/// others, who can then rename it away and put their own (with their own cookie, or a link) in its place.
/// </summary>
public static class ParentFolderChecks
{
    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    [Requirement("SECRET-PARENT-MODES")]
    [KnownBad(Defect.ParentFoldersUnderUmask)]
    [KnownBad(Defect.CookieUnderUmask)]
    public sealed class FoldersAboveTheCookieArePrivate : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            // Under umask 000 only the modes the target asks for remain, so a folder made without one is 0777.
            await using var instance = context.Target.NewInstance(new InstanceOptions { Umask = "000" });
            await instance.CreateAsync(cancellationToken);
            await instance.StartAsync(cancellationToken);

            var folders = FoldersBetween(instance.Home, instance.WorkspaceDirectory)
                .Union(FoldersBetween(instance.Home, Path.GetDirectoryName(instance.CookiePath)!))
                .ToList();
            if (folders.Count == 0)
            {
                return new CheckResult.Missing($"the workspace folder and cookie lie outside the instance's home {instance.Home}, so the folders the target created cannot be told from the kit's.");
            }

            var workspaceUser = FileStatus.CurrentUid;
            var seen = new List<string>();
            var problems = new List<string>();
            foreach (var folder in folders)
            {
                if (FileStatus.Of(folder) is not { } status)
                {
                    return new CheckResult.Violation($"{Shown(instance, folder)} does not exist once the workspace runs, so nothing stops another user from creating it.");
                }

                seen.Add($"{Shown(instance, folder)} {status.OctalMode} uid {status.OwnerUid}");
                if ((status.Mode & WritableByOthers) != 0)
                {
                    problems.Add($"{Shown(instance, folder)} is {status.OctalMode}, writable by {((status.Mode & UnixFileMode.OtherWrite) != 0 ? "every local user" : "its group")}");
                }

                if (status.OwnerUid != workspaceUser && status.OwnerUid != 0)
                {
                    problems.Add($"{Shown(instance, folder)} belongs to uid {status.OwnerUid}, not to the workspace user (uid {workspaceUser}) or root");
                }
            }

            return problems.Count > 0
                ? new CheckResult.Violation($"under umask 000, {string.Join("; ", problems)}: whoever can write a folder can replace everything below it, the workspace folder and its cookie included.")
                : new CheckResult.Pass($"under umask 000 every folder the target created on the way to its cookie is writable only by its owner: {string.Join(", ", seen)}.");
        }
    }

    /// <summary>The folders below <paramref name="home"/> down to <paramref name="folder"/>, inclusive: those the target made.</summary>
    private static IEnumerable<string> FoldersBetween(string home, string folder)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(home));
        var current = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var chain = new Stack<string>();
        while (current.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            chain.Push(current);
            current = Path.GetDirectoryName(current)!;
        }

        return current == root ? chain : [];
    }

    private static string Shown(WorkspaceInstance instance, string folder) =>
        "{home}" + folder[Path.TrimEndingDirectorySeparator(Path.GetFullPath(instance.Home)).Length..];
}
