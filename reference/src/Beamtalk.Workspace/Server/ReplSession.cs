using System.Collections.Concurrent;
using System.Security.Cryptography;
using Beamtalk.Language;

namespace Beamtalk.Workspace.Server;

/// <summary>An authenticated client's evaluation context: bindings persist between evals.</summary>
internal sealed class ReplSession(string id, string client, MessageChannel channel) : IDisposable
{
    private readonly Session _session = new(new SessionOptions());
    private readonly SemaphoreSlim _oneEvalAtATime = new(1, 1);
    private CancellationTokenSource? _current;

    public string Id { get; } = id;

    public string Client { get; } = client;

    /// <summary>The session's connection, so another session's rotation can end it with a close frame.</summary>
    public MessageChannel Channel { get; } = channel;

    public async Task<EvalResult> EvaluateAsync(string code, CancellationToken cancellationToken)
    {
        await _oneEvalAtATime.WaitAsync(cancellationToken);
        using var eval = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _current = eval;
        try
        {
            // Evaluation is CPU-bound and synchronous; keep it off the connection's I/O path.
            return await Task.Factory.StartNew(
                () => _session.Evaluate(code, eval.Token),
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

    public void Dispose() => _oneEvalAtATime.Dispose();

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

/// <summary>The sessions of one workspace. Sessions exist only after authentication.</summary>
internal sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<string, ReplSession> _sessions = new(StringComparer.Ordinal);

    public ReplSession Create(string client, MessageChannel channel)
    {
        var session = new ReplSession($"s-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}", client, channel);
        _sessions[session.Id] = session;
        return session;
    }

    public void Remove(ReplSession session)
    {
        _sessions.TryRemove(session.Id, out _);
        session.Dispose();
    }

    public IReadOnlyList<string> Ids => [.. _sessions.Keys.Order(StringComparer.Ordinal)];

    public IReadOnlyList<ReplSession> Others(ReplSession session) => [.. _sessions.Values.Where(s => s.Id != session.Id)];
}
