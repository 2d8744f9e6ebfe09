using System.Text.Json;
using Beamtalk.Workspace.Diagnostics;

namespace Beamtalk.Workspace.Storage;

/// <summary>
/// One workspace's folder, <c>{home}/workspaces/{id}</c>, and the files in it. Every file is
/// created owner-only; files that others read while the workspace runs are replaced atomically.
/// </summary>
public sealed class WorkspaceDirectory(string path, WorkspaceId id)
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public WorkspaceId Id { get; } = id;

    public string Path { get; } = path;

    public string CookiePath => File("cookie");

    public string MetadataPath => File("metadata.json");

    public string NodeInfoPath => File("node.info");

    public string PortPath => File("port");

    public string LogPath => File("workspace.log");

    /// <summary>Held by a starting CLI while it checks and launches.</summary>
    public string StartLockPath => File("start.lock");

    /// <summary>Held by the server for its whole life.</summary>
    public string ServerLockPath => File("server.lock");

    /// <summary>The server's own stdout and stderr, for start-up failures the log cannot hold.</summary>
    public string ServerOutputPath => File("server.out");

    public bool Exists => Directory.Exists(Path);

    /// <summary>Creates the folder (0700), the cookie (0600) and metadata.json; refuses to touch an existing workspace.</summary>
    public WorkspaceMetadata Create(WorkspaceHome home, string projectPath, TimeProvider clock)
    {
        home.EnsureCreated();
        try
        {
            // mkdir with the mode, not mkdir-then-chmod: there is no moment at which the folder is broader.
            Directory.CreateDirectory(Path, WorkspaceHome.PrivateDirectoryMode);
        }
        catch (IOException e)
        {
            throw new WorkspaceException(WorkspaceErrorCodes.StartFailed, $"cannot create {Path}: {e.Message}", e);
        }

        if (System.IO.File.Exists(CookiePath) || System.IO.File.Exists(MetadataPath))
        {
            throw new WorkspaceException(WorkspaceErrorCodes.AlreadyExists, $"workspace '{Id}' already exists at {Path}.");
        }

        WorkspaceCookie.CreateFile(CookiePath);
        var now = clock.GetUtcNow();
        var metadata = new WorkspaceMetadata(Id.Value, projectPath, now, now, ReplPort: null);
        WriteMetadata(metadata);
        return metadata;
    }

    /// <summary>Checks the workspace exists and its folder is private; call before reading anything from it.</summary>
    public void EnsureUsable()
    {
        if (!Exists || !System.IO.File.Exists(MetadataPath))
        {
            throw new WorkspaceException(
                WorkspaceErrorCodes.NoSuchWorkspace,
                $"no workspace '{Id}' (looked in {Path}); create it with 'beamtalk workspace create'.");
        }

        var mode = System.IO.File.GetUnixFileMode(Path);
        if ((mode & GroupOrOther) != 0)
        {
            throw new WorkspaceException(
                WorkspaceErrorCodes.DirectoryTooBroad,
                $"the workspace folder {Path} is accessible to others (mode {WorkspaceCookie.FormatMode(mode)}); run 'chmod 700 {Path}' if you trust its contents.");
        }
    }

    public WorkspaceCookie ReadCookie() => WorkspaceCookie.ReadFile(CookiePath);

    public WorkspaceMetadata ReadMetadata()
    {
        try
        {
            var metadata = JsonSerializer.Deserialize<WorkspaceMetadata>(System.IO.File.ReadAllText(MetadataPath), WorkspaceJson.Options);
            if (metadata is null || metadata.WorkspaceId != Id.Value || string.IsNullOrEmpty(metadata.ProjectPath))
            {
                throw new JsonException("workspace_id or project_path is missing or does not match the folder.");
            }

            return metadata;
        }
        catch (JsonException e)
        {
            throw new WorkspaceException(
                WorkspaceErrorCodes.CorruptMetadata,
                $"{MetadataPath} is not valid workspace metadata ({e.Message}); nothing was changed. Fix or remove the file by hand.",
                e);
        }
    }

    public void WriteMetadata(WorkspaceMetadata metadata) =>
        OwnerOnlyFile.WriteAtomically(MetadataPath, JsonSerializer.Serialize(metadata, WorkspaceJson.Options));

    public void WriteNodeInfo(NodeInfo info) =>
        OwnerOnlyFile.WriteAtomically(NodeInfoPath, JsonSerializer.Serialize(info, WorkspaceJson.Options));

    public void WritePortFile(int port, string nonce) =>
        OwnerOnlyFile.WriteAtomically(PortPath, $"{port}\n{nonce}");

    /// <summary>The running server's record, or null when none is recorded or the recorded process is gone.</summary>
    public NodeInfo? ReadLiveNodeInfo()
    {
        NodeInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<NodeInfo>(System.IO.File.ReadAllText(NodeInfoPath), WorkspaceJson.Options);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }

        return info is not null && ServerProcess.IsRunning(info, Id) ? info : null;
    }

    /// <summary>Reads <c>PORT\nNONCE</c>, or null if absent or not yet complete.</summary>
    public (int Port, string Nonce)? ReadPortFile()
    {
        try
        {
            var lines = System.IO.File.ReadAllText(PortPath).Split('\n');
            return lines.Length == 2 && int.TryParse(lines[0], out var port) ? (port, lines[1]) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Removes what only a running server may leave behind.</summary>
    public void ClearRuntimeFiles()
    {
        System.IO.File.Delete(PortPath);
        System.IO.File.Delete(NodeInfoPath);
    }

    /// <summary>Pre-creates the server output file owner-only so a shell redirect appends to it rather than creating it under the umask.</summary>
    public void EnsureServerOutputFile()
    {
        using var _ = OwnerOnlyFile.OpenAppend(ServerOutputPath);
    }

    private string File(string name) => System.IO.Path.Combine(Path, name);
}
