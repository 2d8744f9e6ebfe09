using System.Security;

namespace Beamtalk.Language.Globals;

/// <summary>
/// Maps what .NET threw for a file operation to an error kind. .NET folds several errno values into one exception
/// type (EISDIR and EACCES both become <see cref="UnauthorizedAccessException"/>; ENOTDIR may become
/// <see cref="DirectoryNotFoundException"/>), so where the type is ambiguous the path is examined afterwards.
/// </summary>
internal static class FileFailure
{
    // errno values shared by Linux and macOS; .NET puts the raw errno in HResult for IOExceptions it does not map.
    private const int Eperm = 1;
    private const int Enoent = 2;
    private const int Eacces = 13;
    private const int Eexist = 17;
    private const int Enotdir = 20;
    private const int Eisdir = 21;

    public static bool IsFileSystemFailure(Exception exception) => exception
        is IOException
        or UnauthorizedAccessException
        or ArgumentException
        or NotSupportedException
        or SecurityException;

    public static BeamtalkException From(Exception exception, string path)
    {
        var kind = KindOf(exception, path);
        return new BeamtalkException(kind, path);
    }

    public static string KindOf(Exception exception, string path)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(path);
        return exception switch
        {
            FileNotFoundException => ErrorKinds.NotFound,
            DirectoryNotFoundException => HasFileAncestor(path) ? ErrorKinds.NotDirectory : ErrorKinds.NotFound,
            UnauthorizedAccessException or SecurityException =>
                Directory.Exists(path) ? ErrorKinds.IsDirectory : ErrorKinds.PermissionDenied,
            PathTooLongException => ErrorKinds.IoError,
            IOException io => FromErrorCode(io.HResult),
            // open("") fails with ENOENT; .NET refuses the empty path before asking the OS.
            ArgumentException when path.Length == 0 => ErrorKinds.NotFound,
            _ => ErrorKinds.IoError,
        };
    }

    private static string FromErrorCode(int code) => code switch
    {
        Enoent => ErrorKinds.NotFound,
        Eperm or Eacces => ErrorKinds.PermissionDenied,
        Eexist => ErrorKinds.AlreadyExists,
        Enotdir => ErrorKinds.NotDirectory,
        Eisdir => ErrorKinds.IsDirectory,
        _ => ErrorKinds.IoError,
    };

    // ENOTDIR: some component before the last names a file, as in "notes.txt/child".
    internal static bool HasFileAncestor(string path)
    {
        try
        {
            for (var parent = Path.GetDirectoryName(path); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
            {
                if (File.Exists(parent))
                {
                    return true;
                }
            }
        }
        catch (ArgumentException)
        {
            // A path .NET cannot take apart has no ancestor to blame.
        }

        return false;
    }
}
