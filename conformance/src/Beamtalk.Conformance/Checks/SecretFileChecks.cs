using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Checks;

/// <summary>SECRET-FILE-MODE: the cookie and its folder are private to their owner, even under umask 000.</summary>
public static class SecretFileChecks
{
    private const string Id = "SECRET-FILE-MODE";

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static async Task<Evidence> CookieIsPrivateAsync(Target target, CancellationToken cancellationToken)
    {
        // umask 000 removes the safety net: only modes the target asks for at open()/mkdir() remain.
        await using var instance = target.NewInstance(new InstanceOptions { Umask = "000" });
        await instance.CreateAsync(cancellationToken);
        var afterCreate = Inspect(instance, "after create");
        await instance.StartAsync(cancellationToken);
        var afterStart = Inspect(instance, "after start");
        return new Evidence(Id, $"under umask 000: {afterCreate}; {afterStart}.");
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

            throw new RequirementViolationException(Id, $"{moment}: no {(directory is null ? "workspace folder" : "cookie file")} at {(directory is null ? instance.WorkspaceDirectory : instance.CookiePath)}.");
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
            throw new RequirementViolationException(Id, $"{moment} under umask 000: {string.Join("; ", problems)}.");
        }

        return $"{moment}: folder {directory.OctalMode}, cookie {cookie.OctalMode}, owner uid {uid}";
    }
}
