using Beamtalk.Conformance.Observation;

namespace Beamtalk.Conformance.Targets;

/// <summary>
/// The target's programs as another OS user can run them. A checkout in a private folder (root's 0700 home, any
/// <c>mktemp -d</c>) hides the programs from the throw-away user a check runs the workspace as, and the check would
/// end in "Permission denied" instead of a verdict. A program that user cannot read gets its whole folder (its
/// libraries, runtime configuration) placed in a kit-made folder every user may traverse, and the command names the
/// placed copy instead; what the workspace does, and the modes the checks judge under its home, are unchanged.
/// Dispose removes the placed copies.
/// </summary>
internal sealed class ReachablePrograms : IDisposable
{
    private const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly OsUser _user;
    private readonly string _home;
    private readonly Dictionary<string, string> _placedFolders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _words = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private string? _root;

    /// <param name="user">The user the commands run as.</param>
    /// <param name="home">The instance's home, already the user's: nothing under it is ever placed elsewhere.</param>
    public ReachablePrograms(OsUser user, string home)
    {
        _user = user;
        _home = Path.GetFullPath(home).TrimEnd('/') + "/";
    }

    /// <summary>Where the placed copies are; null until a program needed placing.</summary>
    public string? Root
    {
        get
        {
            lock (_lock)
            {
                return _root;
            }
        }
    }

    /// <summary>
    /// <paramref name="word"/> itself, or, when it names a file the user cannot read, the same file in a placed copy of
    /// its folder. Only absolute paths of existing files outside the home are considered: arguments are left alone.
    /// </summary>
    public string Map(string word)
    {
        if (!word.StartsWith('/') || word.StartsWith(_home, StringComparison.Ordinal) || !File.Exists(word))
        {
            return word;
        }

        lock (_lock)
        {
            if (_words.TryGetValue(word, out var mapped))
            {
                return mapped;
            }

            mapped = _user.RunAs("test", "-r", word).ExitCode == 0 ? word : Place(word);
            _words[word] = mapped;
            return mapped;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_root is not null)
            {
                try
                {
                    Directory.Delete(_root, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Best effort, like the rest of an instance's cleanup: it must not replace the check's own result.
                }

                _root = null;
            }
        }
    }

    private string Place(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (!_placedFolders.TryGetValue(folder, out var placed))
        {
            if (_root is null)
            {
                // CreateTempSubdirectory makes it 0700; the user must traverse it. Only root writes here.
                _root = Directory.CreateTempSubdirectory("beamtalk-conformance-programs-").FullName;
                File.SetUnixFileMode(_root, Traversable);
            }

            placed = Path.Combine(_root, _placedFolders.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            CopyTree(folder, placed);
            _placedFolders[folder] = placed;
        }

        var copy = Path.Combine(placed, Path.GetFileName(file));
        return _user.RunAs("test", "-r", copy).ExitCode == 0
            ? copy
            : throw new TargetStartException($"{_user.Name} cannot read {file}, nor its copy at {copy}; the check cannot run the target as that user.");
    }

    /// <summary>
    /// Hard links where the file already lets others read (and run) it, which costs no space; copies, opened up to
    /// others, where it does not or where the folder lies on another file system. These are build outputs, not secrets.
    /// </summary>
    private static void CopyTree(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        File.SetUnixFileMode(destination, Traversable);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(destination, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo)
            {
                CopyTree(entry.FullName, target);
            }
            else
            {
                PlaceFile(entry.FullName, target, entry.UnixFileMode);
            }
        }
    }

    private static void PlaceFile(string source, string target, UnixFileMode mode)
    {
        var executable = (mode & UnixFileMode.UserExecute) != 0;
        var open = mode | UnixFileMode.GroupRead | UnixFileMode.OtherRead
            | (executable ? UnixFileMode.GroupExecute | UnixFileMode.OtherExecute : 0);
        if (open == mode && Posix.Link(source, target) == 0)
        {
            return;
        }

        File.Copy(source, target);
        File.SetUnixFileMode(target, open & ~(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.SetUser | UnixFileMode.SetGroup));
    }
}
