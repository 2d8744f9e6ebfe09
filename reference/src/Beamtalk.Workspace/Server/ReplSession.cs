using System.Collections.Concurrent;
using System.Security.Cryptography;
using Beamtalk.Language;
using Beamtalk.Language.Compilation;
using Beamtalk.Workspace.Compiler;

namespace Beamtalk.Workspace.Server;

/// <summary>
/// An authenticated client's evaluation context: bindings persist between evals. Its source is parsed
/// by its own compiler process; only the decoded program runs here.
/// </summary>
internal sealed class ReplSession(string id, string client, MessageChannel channel, SessionOptions options, Func<string, CompilerProcess> compilerFor, IWorkspaceControl workspace) : IAsyncDisposable
{
    private readonly CompilerProcess _compiler = compilerFor(id);
    private readonly Session _session = new(options, workspace);
    private readonly SemaphoreSlim _oneEvalAtATime = new(1, 1);
    private CancellationTokenSource? _current;

    public string Id { get; } = id;

    public string Client { get; } = client;

    /// <summary>The session's connection, so another session's rotation can end it with a close frame.</summary>
    public MessageChannel Channel { get; } = channel;

    public Task<EvalResult> EvaluateAsync(string code, CancellationToken cancellationToken) =>
        RunAsync(code, SourceKind.Expressions, cancellationToken);

    /// <summary>The <c>load-source</c> op: class definitions, parsed by the same compiler process as every eval.</summary>
    public Task<EvalResult> LoadSourceAsync(string source, CancellationToken cancellationToken) =>
        RunAsync(source, SourceKind.ClassDefinitions, cancellationToken);

    private async Task<EvalResult> RunAsync(string code, SourceKind kind, CancellationToken cancellationToken)
    {
        await _oneEvalAtATime.WaitAsync(cancellationToken);
        using var eval = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _current = eval;
        try
        {
            var compiled = await _compiler.CompileAsync(code, kind, eval.Token);
            if (compiled.Program is not { } program)
            {
                return new EvalResult(false, null, string.Empty, compiled.Error);
            }

            // Evaluation is CPU-bound and synchronous; keep it off the connection's I/O path.
            return await Task.Factory.StartNew(
                () => _session.Evaluate(program, eval.Token),
                eval.Token,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }
        finally
        {
            _current = null;
            _oneEvalAtATime.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _compiler.DisposeAsync();
        _oneEvalAtATime.Dispose();
    }

    private volatile bool _revoked;

    /// <summary>Ended by a rotation: nothing it sends is handled any more, whatever its peer does.</summary>
    public bool IsRevoked => _revoked;

    public void Revoke()
    {
        _revoked = true;
        Interrupt();
    }

    public bool Interrupt()
    {
        var current = _current;
        if (current is null)
        {
            return false;
        }

        current.Cancel();
        return true;
    }
}

/// <summary>
/// The sessions of one workspace. Sessions exist only after authentication. Registration and cookie
/// rotation share one lock, so a connection authenticated against the old cookie either registers
/// before the rotation (and is ended by it) or sees the new cookie and is refused.
/// </summary>
internal sealed class SessionRegistry(SessionOptions sessionOptions, Func<string, CompilerProcess> compilerFor)
{
    private readonly ConcurrentDictionary<string, ReplSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _rotation = new();

    /// <summary>Registers a session, unless the cookie it was checked against has been rotated away since.</summary>
    public ReplSession? Create(string client, MessageChannel channel, Func<bool> cookieStillCurrent, IWorkspaceControl workspace)
    {
        lock (_rotation)
        {
            if (!cookieStillCurrent())
            {
                return null;
            }

            var session = new ReplSession($"s-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}", client, channel, sessionOptions, compilerFor, workspace);
            _sessions[session.Id] = session;
            return session;
        }
    }

    /// <summary>Runs <paramref name="rotate"/> with registration held off, and revokes every session but <paramref name="keep"/>.</summary>
    public IReadOnlyList<ReplSession> RotateExcept(ReplSession keep, Action rotate)
    {
        lock (_rotation)
        {
            rotate();
            var ended = _sessions.Values.Where(s => s.Id != keep.Id).ToList();
            foreach (var session in ended)
            {
                session.Revoke();
            }

            return ended;
        }
    }

    public async Task RemoveAsync(ReplSession session)
    {
        _sessions.TryRemove(session.Id, out _);
        await session.DisposeAsync();
    }

    /// <summary>At shutdown: every session's compiler process ends with the workspace.</summary>
    public async Task RemoveAllAsync()
    {
        foreach (var session in _sessions.Values.ToList())
        {
            await RemoveAsync(session);
        }
    }

    public IReadOnlyList<string> Ids => [.. _sessions.Keys.Order(StringComparer.Ordinal)];

}
