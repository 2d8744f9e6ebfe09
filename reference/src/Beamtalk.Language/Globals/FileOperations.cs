using Beamtalk.Language.Runtime.Values;

namespace Beamtalk.Language.Globals;

/// <summary>
/// The File operations that change or list the file system. .NET is more forgiving than the OS calls ADR 0063
/// describes (deleting a missing file succeeds, creating an existing directory succeeds), so each operation first
/// asks the OS about the path and raises the kind the plain system call would have failed with.
/// </summary>
internal static class FileOperations
{
    private static readonly ResultValue Done = new(BooleanValue.True);

    public static ResultValue Delete(string path) => Guarded(path, () =>
    {
        if (IsRealDirectory(AttributesOf(path)))
        {
            throw new BeamtalkException(ErrorKinds.IsDirectory, path);
        }

        File.Delete(path);
        return Done;
    });

    public static ResultValue DeleteAll(string path) => Guarded(path, () =>
    {
        if (IsRealDirectory(AttributesOf(path)))
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            File.Delete(path);
        }

        return Done;
    });

    public static ResultValue MakeDirectory(string path) => Guarded(path, () =>
    {
        if (ParentOf(path) is { } parent && (AttributesOf(parent, path) & FileAttributes.Directory) == 0)
        {
            throw new BeamtalkException(ErrorKinds.NotDirectory, path);
        }

        ThrowIfExists(path);
        Directory.CreateDirectory(path);
        return Done;
    });

    public static ResultValue MakeDirectories(string path) => Guarded(path, () =>
    {
        if (File.Exists(path))
        {
            throw new BeamtalkException(ErrorKinds.AlreadyExists, path);
        }

        if (FileFailure.HasFileAncestor(path))
        {
            throw new BeamtalkException(ErrorKinds.NotDirectory, path);
        }

        Directory.CreateDirectory(path);
        return Done;
    });

    public static ResultValue List(string path) => Guarded(path, () =>
    {
        if (!IsRealDirectory(AttributesOf(path)) && !Directory.Exists(path))
        {
            throw new BeamtalkException(ErrorKinds.NotDirectory, path);
        }

        var names = Directory.GetFileSystemEntries(path).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        return new ResultValue(new ArrayValue([.. names.Select(name => (BeamtalkObject)new StringValue(name!))]));
    });

    // rename(2): a file replaces a file at the destination; a directory moves only to a free name.
    public static ResultValue Rename(string from, string to) => Guarded(from, () =>
    {
        var source = AttributesOf(from);
        if (IsRealDirectory(source))
        {
            ThrowIfExists(to);
            Guarded(to, () => Directory.Move(from, to));
        }
        else if (Directory.Exists(to))
        {
            throw new BeamtalkException(ErrorKinds.IsDirectory, to);
        }
        else
        {
            Guarded(to, () => File.Move(from, to, overwrite: true));
        }

        return Done;
    });

    // Joins a relative path to the working directory without normalising it: an absolute path comes back as given.
    public static ResultValue AbsolutePath(string path) =>
        new(new StringValue(Path.IsPathRooted(path) ? path : Path.Join(Environment.CurrentDirectory, path)));

    private static FileAttributes AttributesOf(string path) => AttributesOf(path, path);

    // Failures are reported against the path the user gave, even when it was a parent that could not be examined.
    private static FileAttributes AttributesOf(string examined, string reported)
    {
        try
        {
            return File.GetAttributes(examined);
        }
        catch (Exception exception) when (FileFailure.IsFileSystemFailure(exception))
        {
            throw new BeamtalkException(FileFailure.KindOf(exception, examined), reported);
        }
    }

    private static void ThrowIfExists(string path)
    {
        try
        {
            _ = File.GetAttributes(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return;
        }
        catch (Exception exception) when (FileFailure.IsFileSystemFailure(exception))
        {
            throw FileFailure.From(exception, path);
        }

        throw new BeamtalkException(ErrorKinds.AlreadyExists, path);
    }

    private static string? ParentOf(string path)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(path);
        var parent = Path.GetDirectoryName(trimmed.Length == 0 ? path : trimmed);
        return string.IsNullOrEmpty(parent) ? null : parent;
    }

    // A symbolic link to a directory is removed as a link, never followed into.
    private static bool IsRealDirectory(FileAttributes attributes) =>
        (attributes & FileAttributes.Directory) != 0 && (attributes & FileAttributes.ReparsePoint) == 0;

    private static void Guarded(string path, Action operation) => Guarded(path, () =>
    {
        operation();
        return Done;
    });

    private static ResultValue Guarded(string path, Func<ResultValue> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception exception) when (FileFailure.IsFileSystemFailure(exception))
        {
            throw FileFailure.From(exception, path);
        }
    }
}
