using System.Diagnostics;

namespace Beamtalk.Conformance.Principles.Tests;

/// <summary>A git repository in a temporary folder, deleted on dispose whatever the test did.</summary>
public sealed class ScratchRepository : IDisposable
{
    public ScratchRepository()
    {
        Root = Directory.CreateTempSubdirectory("principles-scratch-").FullName;
        Git("init", "-q");
        Commit("empty base", allowEmpty: true);
    }

    public string Root { get; }

    public string Commit(string message, bool allowEmpty = false, params (string Path, string Text)[] files)
    {
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(Root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        Git("add", "-A");
        var commit = new List<string> { "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", message };
        if (allowEmpty)
        {
            commit.Add("--allow-empty");
        }

        Git([.. commit]);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {arguments[0]} failed");
        return output;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
