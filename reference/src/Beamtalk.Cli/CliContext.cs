using Beamtalk.Workspace.Diagnostics;
using Beamtalk.Workspace.Storage;

namespace Beamtalk.Cli;

/// <summary>What every command needs: where workspaces live, which one is meant, and the console.</summary>
internal sealed class CliContext(WorkspaceHome home, TextReader input, TextWriter output, TextWriter error)
{
    public const string WorkspaceVariable = "BEAMTALK_WORKSPACE";

    public WorkspaceHome Home { get; } = home;

    public TextReader In { get; } = input;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public static WorkspaceId DefaultId(string projectPath) =>
        Environment.GetEnvironmentVariable(WorkspaceVariable) is { Length: > 0 } named
            ? WorkspaceId.Parse(named)
            : WorkspaceId.FromProjectPath(projectPath);

    /// <summary>The named (or default) workspace, checked to exist and to be private.</summary>
    public WorkspaceDirectory Open(string? name)
    {
        var id = name is null ? DefaultId(Environment.CurrentDirectory) : WorkspaceId.Parse(name);
        var directory = Home.Workspace(id);
        directory.EnsureUsable();
        return directory;
    }

    public async Task<WorkspaceClient> ConnectAsync(string? name, CancellationToken cancellationToken)
    {
        var directory = Open(name);
        var node = directory.ReadLiveNodeInfo()
            ?? throw new WorkspaceException(WorkspaceErrorCodes.NotRunning, $"workspace '{directory.Id}' is not running; start it with 'beamtalk workspace start'.");
        return await WorkspaceClient.ConnectAsync(directory, node, cancellationToken);
    }
}
