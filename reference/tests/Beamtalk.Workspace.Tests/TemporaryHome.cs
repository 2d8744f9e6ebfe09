using Beamtalk.Workspace.Storage;

namespace Beamtalk.Workspace.Tests;

/// <summary>A private, throw-away workspace home; never the developer's real one.</summary>
internal sealed class TemporaryHome : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("beamtalk-workspace-tests-");

    public TemporaryHome() => Home = new WorkspaceHome(Path.Combine(_root.FullName, ".beamtalk"));

    public WorkspaceHome Home { get; }

    public WorkspaceDirectory Create(string name)
    {
        var directory = Home.Workspace(WorkspaceId.Parse(name));
        directory.Create(Home, _root.FullName, TimeProvider.System);
        return directory;
    }

    public void Dispose() => _root.Delete(recursive: true);
}
