namespace Beamtalk.Workspace.Storage;

/// <summary>
/// Files that only the workspace owner may read. The mode is passed to open(2), so the file
/// never exists with broader permissions, whatever the umask (umask can only narrow it).
/// </summary>
internal static class OwnerOnlyFile
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static FileStream CreateNew(string path) => Open(path, FileMode.CreateNew, FileAccess.Write);

    public static FileStream OpenAppend(string path) => Open(path, FileMode.Append, FileAccess.Write);

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/> in one step: a reader sees the
    /// old content or the new, never a torn or empty file.
    /// </summary>
    public static void WriteAtomically(string path, string content)
    {
        var directory = Path.GetDirectoryName(path) ?? throw new ArgumentException("Path has no directory.", nameof(path));
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = CreateNew(temporary))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static FileStream Open(string path, FileMode mode, FileAccess access) =>
        new(path, new FileStreamOptions
        {
            Mode = mode,
            Access = access,
            Share = FileShare.Read,
            UnixCreateMode = Mode,
        });
}
