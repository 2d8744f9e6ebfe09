using System.Diagnostics;
using System.Security.Cryptography;

namespace Beamtalk.Conformance.Observation;

/// <summary>The machine cannot create users for a test (not root, or no useradd).</summary>
public sealed class OsUserUnavailableException(string message) : Exception(message);

/// <summary>
/// A throw-away system user for one test: no home, no login shell, removed on dispose (even when
/// the test failed). Names start with <c>btc-</c> and carry random hex, so they cannot collide
/// with a real account.
/// </summary>
public sealed class OsUser : IDisposable
{
    private OsUser(string name, int uid)
    {
        Name = name;
        Uid = uid;
    }

    public string Name { get; }

    public int Uid { get; }

    public static OsUser Create(string role)
    {
        if (FileStatus.CurrentUid != 0)
        {
            throw new OsUserUnavailableException("creating a second OS user needs root");
        }

        var name = $"btc-{role}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var (code, output) = Run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name);
        if (code != 0)
        {
            throw new OsUserUnavailableException($"useradd {name} failed ({output.Trim()})");
        }

        var (idCode, uid) = Run("id", "-u", name);
        if (idCode != 0 || !int.TryParse(uid.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            Run("userdel", name);
            throw new OsUserUnavailableException($"user {name} was created but has no uid ({uid.Trim()})");
        }

        return new OsUser(name, number);
    }

    /// <summary>Gives <paramref name="path"/> to <paramref name="user"/>; returns whether chown succeeded.</summary>
    public static bool Chown(string path, OsUser user) => Run("chown", "-R", $"{user.Name}:", path).ExitCode == 0;

    /// <summary>The words that run a command as this user (runuser needs no login shell).</summary>
    public IReadOnlyList<string> Prefix => ["runuser", "-u", Name, "--"];

    /// <summary>Runs a command as this user; returns its exit code and combined output.</summary>
    public (int ExitCode, string Output) RunAs(params string[] command) => Run([.. Prefix, .. command]);

    public void Dispose()
    {
        // Anything still running as this user would make userdel fail; it is ours to end.
        Run("pkill", "-KILL", "-u", Name);
        Run("userdel", Name);
    }

    private static (int ExitCode, string Output) Run(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var word in command.Skip(1))
        {
            start.ArgumentList.Add(word);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, e.Message);
        }
    }
}
