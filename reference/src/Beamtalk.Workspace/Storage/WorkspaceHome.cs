namespace Beamtalk.Workspace.Storage;

/// <summary>
/// The root of all workspace state, <c>~/.beamtalk</c> unless <c>BEAMTALK_HOME</c> names another
/// directory. The override exists so tests and CI never touch a developer's real home.
/// </summary>
public sealed class WorkspaceHome
{
    public const string OverrideVariable = "BEAMTALK_HOME";

    /// <summary>Owner-only: the home and its workspaces folder hold every workspace's cookie directory.</summary>
    internal const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public WorkspaceHome(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string WorkspacesDirectory => Path.Combine(Root, "workspaces");

    /// <summary>One owner-only folder per live REPL session, holding its compiler daemon's socket.</summary>
    public string SessionsDirectory => Path.Combine(Root, "sessions");

    public static WorkspaceHome FromEnvironment()
    {
        var overridden = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return new WorkspaceHome(overridden);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
        {
            throw new InvalidOperationException($"Cannot find the home directory; set HOME or {OverrideVariable}.");
        }

        return new WorkspaceHome(Path.Combine(home, ".beamtalk"));
    }

    public WorkspaceDirectory Workspace(WorkspaceId id) => new(Path.Combine(WorkspacesDirectory, id.Value), id);

    public IEnumerable<WorkspaceDirectory> AllWorkspaces()
    {
        if (!Directory.Exists(WorkspacesDirectory))
        {
            return [];
        }

        return Directory.EnumerateDirectories(WorkspacesDirectory)
            .Select(Path.GetFileName)
            .Where(name => name is not null && WorkspaceId.IsValid(name))
            .Order(StringComparer.Ordinal)
            .Select(name => Workspace(WorkspaceId.Parse(name!)));
    }

    /// <summary>Creates the home and workspaces folders owner-only; mkdir applies the mode, so no broader window exists.</summary>
    internal void EnsureCreated()
    {
        Directory.CreateDirectory(Root, PrivateDirectoryMode);
        Directory.CreateDirectory(WorkspacesDirectory, PrivateDirectoryMode);
    }
}
