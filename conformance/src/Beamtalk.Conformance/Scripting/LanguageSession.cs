using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;
using Beamtalk.Conformance.Wire.Protocol;

namespace Beamtalk.Conformance.Scripting;

/// <summary>
/// An authenticated session that sends Beamtalk source, the language every target speaks, and keeps every answer
/// as evidence. The source is upstream Beamtalk's, so these checks need nothing from a target but the protocol.
/// </summary>
public sealed class LanguageSession : IAsyncDisposable
{
    private readonly ReplSessionClient _client;
    private readonly List<EvalAnswer> _answers = [];

    private LanguageSession(ReplSessionClient client)
    {
        _client = client;
    }

    public IReadOnlyList<EvalAnswer> Answers => _answers;

    public static async Task<LanguageSession> OpenAsync(WorkspaceInstance instance, CancellationToken cancellationToken) =>
        new(await ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), cancellationToken));

    public async Task<EvalAnswer> EvalAsync(string code, CancellationToken cancellationToken)
    {
        var reply = await _client.EvalAsync(code, cancellationToken);
        var answer = EvalAnswer.From(code, reply);
        _answers.Add(answer);
        return answer;
    }

    /// <summary>The <c>load-source</c> op: class definitions, answered like an eval.</summary>
    public async Task<EvalAnswer> LoadSourceAsync(string source, CancellationToken cancellationToken)
    {
        var reply = await _client.RequestAsync(new LoadSourceRequest(source), cancellationToken);
        var answer = EvalAnswer.From(source, reply);
        _answers.Add(answer);
        return answer;
    }

    /// <summary>Sends source that should end the workspace, so no reply is awaited: only the connection's end.</summary>
    public async Task<(IReadOnlyList<string> Texts, WireEvent End)> EvalToTheEndAsync(string code, CancellationToken cancellationToken)
    {
        await _client.Connection.SendTextAsync(new EvalRequest(code) { Id = "to-the-end" }.ToJson(), cancellationToken);
        return await _client.Connection.ReceiveUntilEndAsync(WireConnection.DefaultTimeout, cancellationToken);
    }

    /// <summary>A Beamtalk string literal for <paramref name="text"/>.</summary>
    public static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
