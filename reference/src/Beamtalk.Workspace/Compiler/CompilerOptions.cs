namespace Beamtalk.Workspace.Compiler;

/// <summary>How the workspace runs its compiler processes, and the limits each one runs under.</summary>
/// <param name="Command">The program and arguments that run <see cref="CompilerDaemon"/>; <c>--socket PATH</c> is appended.</param>
/// <param name="SessionsDirectory"><c>{home}/sessions</c>: one owner-only folder per session holds its daemon's socket.</param>
public sealed record CompilerOptions(IReadOnlyList<string> Command, string SessionsDirectory)
{
    /// <summary>
    /// Longest one compilation may take before the daemon is killed and the eval gets <c>compiler_limit</c>.
    /// 10 s: the reference parses megabytes in well under a second; only a bomb comes near this.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The daemon's managed heap cap (DOTNET_GCHeapHardLimit). 512 MiB: several times what parsing the largest
    /// accepted message needs, and a fixed ceiling whatever the source; past it the daemon fails, not the workspace.
    /// </summary>
    public long HeapLimitBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>
    /// RLIMIT_CPU of the daemon, over its whole life (the kernel then sends SIGXCPU/SIGKILL). 300 s: a backstop
    /// behind <see cref="Timeout"/>; a daemon that reaches it is simply restarted for the next request.
    /// </summary>
    public int CpuSeconds { get; init; } = 300;

    /// <summary>How long a fresh daemon may take to say it is listening.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
