using System.Text.Json.Serialization;

namespace Beamtalk.Conformance.Targets;

/// <summary>How the target's start command behaves.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StartMode>))]
public enum StartMode
{
    /// <summary>The start command returns once the workspace runs in the background (like <c>beamtalk workspace start</c>).</summary>
    Detached,

    /// <summary>The start command is the workspace: it keeps running, and the kit stops it by signal.</summary>
    Foreground,
}

/// <summary>Which wire protocol the target speaks; <c>none</c> limits the run to protocol-free checks.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WireProtocol>))]
public enum WireProtocol
{
    [JsonStringEnumMemberName("beamtalk-ws-v1")]
    BeamtalkWebSocketV1,

    [JsonStringEnumMemberName("none")]
    None,
}

/// <summary>The commands that drive a workspace. Every word may use placeholders; see docs/target-file.md.</summary>
/// <param name="StartOnAddress">Start asking to listen on <c>{bind}</c>, without any opt-in flag (NET-OPT-IN expects a refusal).</param>
/// <param name="StartOnAddressConfirmed">The same with the target's explicit network opt-in.</param>
/// <param name="Rotate">Replaces the cookie of a running workspace.</param>
/// <param name="StartWithTrustedCa">Start with the target's test-only trust option naming the PEM file <c>{ca}</c> (CAP-TLS-VERIFY).</param>
public sealed record TargetCommands(
    IReadOnlyList<string> Start,
    IReadOnlyList<string>? Create = null,
    IReadOnlyList<string>? Stop = null,
    IReadOnlyList<IReadOnlyList<string>>? Exercise = null,
    IReadOnlyList<string>? StartOnAddress = null,
    IReadOnlyList<string>? StartOnAddressConfirmed = null,
    IReadOnlyList<string>? Rotate = null,
    IReadOnlyList<string>? StartWithoutSubprocess = null,
    IReadOnlyList<string>? StartWithTrustedCa = null);

/// <summary>Where a workspace's files are, relative to its folder unless absolute.</summary>
/// <param name="PortFile">
/// A file whose first line is the REPL port; null: the kit finds the port among the listening TCP sockets of the
/// workspace's processes (the pid's tree and every process carrying the instance marker), which must be exactly one.
/// </param>
public sealed record TargetLayout(
    string WorkspaceDirectory,
    string Cookie,
    string? PortFile = null,
    string? PidFile = null,
    IReadOnlyList<string>? Outputs = null);

/// <summary>
/// A JSON target file: everything the suite needs to drive and observe one implementation
/// from the outside. The built-in reference target is an instance of this same type.
/// </summary>
public sealed record TargetDescription(
    string Name,
    string Description,
    WireProtocol Protocol,
    StartMode StartMode,
    TargetCommands Commands,
    TargetLayout Layout,
    IReadOnlyDictionary<string, string>? Environment = null,
    string? Canary = null,
    double? ReadyTimeoutSeconds = null,
    double? PreAuthTimeoutSeconds = null,
    bool? RotationEndsSessions = null,
    double? ResourceLimitSeconds = null,
    TargetContainer? Container = null,
    PythonSandbox? PythonSandbox = null,
    bool? CompilerDaemon = null)
{
    /// <summary>
    /// The longest a compiler bomb or a runaway eval may take to end in an error reply: what the target's
    /// limits promise, else 60 s. A liveness bound (a hang fails), not a performance figure (make bench has those).
    /// </summary>
    [JsonIgnore]
    public TimeSpan ResourceLimit => TimeSpan.FromSeconds(ResourceLimitSeconds ?? 60);

    /// <summary>The longest an unauthenticated connection may stay open: what the start command configures, else the requirement's 10 s.</summary>
    [JsonIgnore]
    public TimeSpan PreAuthTimeout => TimeSpan.FromSeconds(PreAuthTimeoutSeconds ?? 10);

    /// <summary>The folder of the target file, for <c>{targetDir}</c>; null for built-in targets.</summary>
    [JsonIgnore]
    public string? BaseDirectory { get; init; }

    [JsonIgnore]
    public TimeSpan ReadyTimeout => TimeSpan.FromSeconds(ReadyTimeoutSeconds ?? 30);
}

/// <summary>
/// An embedded-Python sandbox for the PY-* checks. With <paramref name="Module"/> the kit loads that file into a plain
/// <c>python3</c> and runs <paramref name="Activate"/> ("other sandboxes"); without it the probes go over the wire as
/// <c>Python exec: "…"</c>. <paramref name="Status"/> is a Python expression answering the sandbox's own
/// <c>is_sandboxed()</c>. <paramref name="Alternative"/> is a Python expression with <c>{command}</c> (a Python
/// string literal) that asks the host to run a command, the way the block's message recommends (PY-ALTERNATIVE).
/// </summary>
public sealed record PythonSandbox(string? Module = null, string? Activate = null, string? Status = null, string? Alternative = null);
