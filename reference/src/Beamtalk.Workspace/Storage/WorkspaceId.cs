using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Beamtalk.Workspace.Diagnostics;

namespace Beamtalk.Workspace.Storage;

/// <summary>
/// A workspace's directory name: a user-chosen name of <c>[A-Za-z0-9_-]</c>, or the first 12 hex
/// characters of the SHA-256 of the canonical project path. Nothing else may reach the file system,
/// so names like <c>..</c> or <c>a/b</c> cannot escape the workspaces folder.
/// </summary>
public sealed partial record WorkspaceId
{
    private const int MaxLength = 64;

    private WorkspaceId(string value) => Value = value;

    public string Value { get; }

    public static bool IsValid(string name) => name.Length <= MaxLength && NamePattern().IsMatch(name);

    public static WorkspaceId Parse(string name) =>
        IsValid(name)
            ? new WorkspaceId(name)
            : throw new WorkspaceException(
                WorkspaceErrorCodes.InvalidName,
                $"'{name}' is not a valid workspace name: use 1 to {MaxLength} characters from A-Z, a-z, 0-9, '_' and '-'.");

    public static WorkspaceId FromProjectPath(string projectPath)
    {
        var canonical = CanonicalPath(projectPath);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return new WorkspaceId(Convert.ToHexStringLower(digest)[..12]);
    }

    public static string CanonicalPath(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var info = new DirectoryInfo(full);
        var target = info.Exists ? info.ResolveLinkTarget(returnFinalTarget: true) : null;
        return target is null ? full : Path.TrimEndingDirectorySeparator(target.FullName);
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex NamePattern();
}
