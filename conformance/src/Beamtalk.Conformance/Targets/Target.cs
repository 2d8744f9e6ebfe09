using System.Collections;
using Beamtalk.Conformance.Observation;

namespace Beamtalk.Conformance.Targets;

/// <summary>What an individual instance needs to differ in.</summary>
public sealed record InstanceOptions
{
    /// <summary>The umask the target's commands run under, e.g. "000" to show files are created private regardless.</summary>
    public string? Umask { get; init; }

    /// <summary>The workspace name; default a fresh unique one.</summary>
    public string? WorkspaceName { get; init; }

    /// <summary>Run create and start under strace: every file creation with its requested mode, every program start with its argv and environment.</summary>
    public bool TraceSyscalls { get; init; }

    /// <summary>
    /// Start on this address (<c>{bind}</c>) with <c>commands.startOnAddress</c>, or with
    /// <c>commands.startOnAddressConfirmed</c> when <see cref="ConfirmNetwork"/> is set; null: the default start.
    /// </summary>
    public string? Bind { get; init; }

    /// <summary>With <see cref="Bind"/>: use the target's explicit network opt-in.</summary>
    public bool ConfirmNetwork { get; init; }

    /// <summary>Start with <c>commands.startWithoutSubprocess</c>: the subprocess API switched off (ADR 0058 Phase 3).</summary>
    public bool WithoutSubprocess { get; init; }

    /// <summary>
    /// Start with <c>commands.startWithTrustedCa</c>, this PEM text written to <c>{ca}</c> in the instance's home: a
    /// check's own test CA, trusted through the target's test-only option (CAP-TLS-VERIFY).
    /// </summary>
    public string? TrustedCaPem { get; init; }

    /// <summary>Run every command of the instance as this OS user (its home is handed over to the user).</summary>
    public Observation.OsUser? RunAs { get; init; }
}

/// <summary>An implementation under test. Each instance gets its own temporary home.</summary>
public sealed class Target(TargetDescription description)
{
    /// <summary>Variables that would point a target at a real home or workspace; never inherited from the kit.</summary>
    private static readonly string[] WithheldPrefixes = ["BEAMTALK_"];

    public TargetDescription Description { get; } = description;

    public string Name => Description.Name;

    public bool SpeaksProtocol => Description.Protocol != WireProtocol.None;

    /// <summary>Every cookie read from this target's instances and containers, for redaction.</summary>
    public Observation.CookieRegistry Cookies { get; } = new();

    public WorkspaceInstance NewInstance(InstanceOptions? options = null)
    {
        options ??= new InstanceOptions();
        var home = Directory.CreateTempSubdirectory("beamtalk-conformance-").FullName;
        var workingFolder = Directory.CreateDirectory(Path.Combine(home, "cwd"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
        if (options.RunAs is { } user)
        {
            // Handed to the user the workspace runs as, and traversable by others like a typical
            // home (0755): only the workspace's own folder and file modes may protect the cookie.
            _ = Observation.OsUser.Chown(home, user);
            File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        var marker = $"{WorkspaceInstance.MarkerVariable}={Guid.NewGuid():N}";
        var name = options.WorkspaceName ?? $"conf-{Guid.NewGuid().ToString("N")[..10]}";

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["home"] = home,
            ["workspace"] = name,
            ["targetDir"] = Description.BaseDirectory ?? Environment.CurrentDirectory,
        };
        if (options.Bind is { } bind)
        {
            values["bind"] = bind;
        }

        var workspaceDirectory = Placeholders.Expand(Description.Layout.WorkspaceDirectory, values);
        values["workspaceDir"] = workspaceDirectory;

        if (options.TrustedCaPem is { } pem)
        {
            var caFile = Path.Combine(home, "conformance-test-ca.pem");
            File.WriteAllText(caFile, pem);
            values["ca"] = caFile;
        }

        var start = options.TrustedCaPem is not null
            ? Description.Commands.StartWithTrustedCa ?? throw new InvalidOperationException($"Target '{Name}' has no startWithTrustedCa command.")
            : options.WithoutSubprocess
            ? Description.Commands.StartWithoutSubprocess ?? throw new InvalidOperationException($"Target '{Name}' has no startWithoutSubprocess command.")
            : options.Bind is null
            ? Description.Commands.Start
            : (options.ConfirmNetwork ? Description.Commands.StartOnAddressConfirmed : Description.Commands.StartOnAddress)
                ?? throw new InvalidOperationException($"Target '{Name}' has no {(options.ConfirmNetwork ? "startOnAddressConfirmed" : "startOnAddress")} command.");
        return new WorkspaceInstance(this, home, name, workspaceDirectory, workingFolder, marker, BuildEnvironment(home, marker, values), values, options.Umask, options.TraceSyscalls ? new SyscallTracer() : null, start, options.RunAs);
    }

    private Dictionary<string, string?> BuildEnvironment(string home, string marker, IReadOnlyDictionary<string, string> values)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (!WithheldPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            {
                environment[name] = (string?)entry.Value;
            }
        }

        environment["HOME"] = home;
        Observation.CommandRunner.WithoutDiagnosticEndpoints(environment);
        var separator = marker.IndexOf('=', StringComparison.Ordinal);
        environment[marker[..separator]] = marker[(separator + 1)..];
        foreach (var (name, value) in Description.Environment ?? new Dictionary<string, string>())
        {
            environment[name] = Placeholders.Expand(value, values);
        }

        return environment;
    }
}
