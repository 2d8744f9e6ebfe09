using System.Diagnostics;

namespace Beamtalk.Conformance.Principles.Diff;

/// <summary>Why the check could not read a change: not a repository, an unknown revision, no git.</summary>
public sealed class GitException(string message) : Exception(message);

/// <summary>
/// The git command line, run as a child process: the check reads any repository the way a reviewer would,
/// with no library that could disagree with the user's git about what the diff is.
/// </summary>
public sealed class GitRepository
{
    private readonly string _directory;

    private GitRepository(string directory) => _directory = directory;

    /// <summary>Opens <paramref name="directory"/>, refusing anything that is neither inside a git work tree nor a bare repository.</summary>
    public static GitRepository Open(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new GitException($"'{directory}' is not a directory.");
        }

        var repository = new GitRepository(Path.GetFullPath(directory));
        // A bare repository (a mirror) has no work tree, but its history diffs the same.
        var (code, output, _) = repository.Run("rev-parse", "--is-inside-work-tree", "--is-bare-repository");
        if (code != 0 || !output.Split('\n').Any(l => l.Trim() == "true"))
        {
            throw new GitException($"'{directory}' is not a git work tree or repository.");
        }

        return repository;
    }

    /// <summary>The object a revision names (a commit or a tree, such as the empty tree), or an error naming it.</summary>
    public string Resolve(string revision)
    {
        if (string.IsNullOrWhiteSpace(revision) || revision.StartsWith('-'))
        {
            throw new GitException($"'{revision}' is not a revision.");
        }

        var (code, output, _) = Run("rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{tree}");
        if (code != 0)
        {
            throw new GitException($"unknown revision '{revision}' in {_directory}.");
        }

        var (commitCode, commit, _) = Run("rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}");
        return commitCode == 0 ? commit.Trim() : output.Trim();
    }

    /// <summary>The change from <paramref name="baseRevision"/> to <paramref name="headRevision"/>, with context lines around each hunk.</summary>
    public IReadOnlyList<ChangedFile> Diff(string baseRevision, string headRevision, int contextLines)
    {
        var (code, output, error) = Run(
            "-c", "core.quotepath=false", "diff", "--no-color", "--no-ext-diff", "--no-renames", "--no-textconv",
            $"--unified={contextLines}", "--src-prefix=a/", "--dst-prefix=b/", Resolve(baseRevision), Resolve(headRevision), "--");
        if (code != 0)
        {
            throw new GitException($"git diff failed: {error.Trim()}");
        }

        return UnifiedDiffParser.Parse(output);
    }

    /// <summary>A file's text at a revision, or null when the revision has no such file.</summary>
    public string? ReadFile(string revision, string path)
    {
        var (code, output, _) = Run("show", "--no-textconv", $"{Resolve(revision)}:{path}");
        return code == 0 ? output : null;
    }

    private (int Code, string Output, string Error) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Neither a pager nor the user's locale may change what we parse.
        start.Environment["GIT_PAGER"] = "cat";
        start.Environment["LC_ALL"] = "C";
        try
        {
            using var process = Process.Start(start) ?? throw new GitException("could not start git.");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.GetAwaiter().GetResult());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new GitException($"could not run git: {e.Message}");
        }
    }
}
