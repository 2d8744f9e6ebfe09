using System.Text.Json;
using System.Text.Json.Nodes;
using Beamtalk.Conformance.Wire.Protocol;

namespace Beamtalk.Conformance.Wire;

/// <summary>How a server answered one authentication attempt. <see cref="Texts"/> holds every frame, greeting included.</summary>
public sealed record AuthAttempt(bool Greeted, bool Accepted, IReadOnlyList<string> Texts, WireEvent End)
{
    /// <summary>Everything the server said, close reason included: what a leak or echo check must search.</summary>
    public IReadOnlyList<string> Transcript => End is WireEvent.Closed { Reason: { Length: > 0 } reason } ? [.. Texts, reason] : Texts;

    /// <summary>The protocol's rejection: an auth_error text frame, then close 1008.</summary>
    public bool IsCleanRejection =>
        !Accepted && Texts.Any(IsAuthError) && End is WireEvent.Closed { Code: 1008 };

    public string Describe()
    {
        var end = End switch
        {
            WireEvent.Closed c => $"close {c.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(no code)"}",
            WireEvent.Dropped d => $"dropped ({d.Why})",
            WireEvent.Silent => "no close within the timeout",
            _ => End.ToString(),
        };
        var verdict = Accepted ? "accepted" : Texts.Any(IsAuthError) ? "auth_error" : "no auth_error";
        return $"{verdict}, {end}";
    }

    private static bool IsAuthError(string text) => AuthError.IsIn(text);
}

/// <summary>The beamtalk-ws-v1 protocol, as the suite speaks it: handshake, authentication, requests.</summary>
public static class ReplProtocol
{
    public static string AuthFrame(string cookie) => new AuthRequest(cookie).ToJson();

    /// <summary>Connects, waits for auth-required, sends <paramref name="firstFrame"/>, and records the outcome.</summary>
    public static async Task<AuthAttempt> TryAuthenticateAsync(int port, string firstFrame, CancellationToken cancellationToken)
    {
        await using var connection = await WireConnection.OpenAsync(port, cancellationToken);
        return await TryAuthenticateAsync(connection, firstFrame, cancellationToken);
    }

    public static async Task<AuthAttempt> TryAuthenticateAsync(WireConnection connection, string firstFrame, CancellationToken cancellationToken)
    {
        var greeting = await connection.ReceiveAsync(WireConnection.DefaultTimeout, cancellationToken);
        var greeted = greeting is WireEvent.Text t && AuthRequired.IsIn(t.Content);
        var texts = new List<string>();
        if (greeting is WireEvent.Text greetingText)
        {
            texts.Add(greetingText.Content);
        }

        await connection.TrySendTextAsync(firstFrame, cancellationToken);

        while (true)
        {
            var received = await connection.ReceiveAsync(WireConnection.DefaultTimeout, cancellationToken);
            if (received is not WireEvent.Text text)
            {
                return new AuthAttempt(greeted, false, texts, received);
            }

            texts.Add(text.Content);
            if (AuthOk.IsIn(text.Content))
            {
                return new AuthAttempt(greeted, true, texts, received);
            }
        }
    }

    /// <summary>An authenticated session, or an exception saying why there is none.</summary>
    public static async Task<ReplSessionClient> AuthenticateAsync(int port, string cookie, CancellationToken cancellationToken)
    {
        var connection = await WireConnection.OpenAsync(port, cancellationToken);
        var attempt = await TryAuthenticateAsync(connection, AuthFrame(cookie), cancellationToken);
        if (!attempt.Accepted)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException($"The real cookie was not accepted: {attempt.Describe()}.");
        }

        return new ReplSessionClient(connection, attempt.Texts);
    }

    public static string? TypeOf(string text) => Frame.TypeOf(text);

    public static string? OpOf(string text) => Frame.OpOf(text);
}

/// <summary>Requests over an authenticated connection. Replies are matched by id; everything received is kept as evidence.</summary>
public sealed class ReplSessionClient(WireConnection connection, IEnumerable<string> handshake) : IAsyncDisposable
{
    private readonly List<string> _received = [.. handshake];
    private int _next;

    public WireConnection Connection { get; } = connection;

    public IReadOnlyList<string> Received => _received;

    /// <summary>Sends <paramref name="request"/> under the next id and waits for the reply that echoes it.</summary>
    public Task<Reply> RequestAsync(Request request, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var id = NextId();
        return ExchangeAsync(request.Op, id, (request with { Id = id }).ToJson(), timeout, cancellationToken);
    }

    /// <summary>
    /// For a request the records cannot express on purpose (a field of the wrong JSON type): the same exchange,
    /// the frame as given plus the id.
    /// </summary>
    public Task<Reply> RequestRawAsync(JsonObject request, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var id = NextId();
        request["id"] = id;
        return ExchangeAsync(request["op"]?.ToString(), id, request.ToJsonString(), timeout, cancellationToken);
    }

    private string NextId() => $"kit-{++_next}";

    private async Task<Reply> ExchangeAsync(string? op, string id, string frame, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        await Connection.SendTextAsync(frame, cancellationToken);
        while (true)
        {
            var received = await Connection.ReceiveAsync(timeout ?? WireConnection.DefaultTimeout, cancellationToken);
            if (received is not WireEvent.Text text)
            {
                LastEnd = received;
                if (received is WireEvent.Closed { Reason: { Length: > 0 } reason })
                {
                    _received.Add(reason);
                }

                throw new InvalidOperationException($"No reply to '{op}': {received}.");
            }

            _received.Add(text.Content);
            // Other frames (output chunks, announcements, replies to earlier requests) are kept as evidence only.
            if (ReadReply(text.Content) is { IsDone: true } reply && reply.Id == id)
            {
                return reply;
            }
        }
    }

    /// <summary>A reply, or null for JSON that is not an object. Text that is not JSON at all throws: no protocol is being spoken.</summary>
    private static Reply? ReadReply(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.ValueKind == JsonValueKind.Object ? ProtocolJson.Read<Reply>(document.RootElement) : null;
    }

    /// <summary>What ended the last request that got no reply: a close, a drop or silence.</summary>
    public WireEvent? LastEnd { get; private set; }

    public Task<Reply> EvalAsync(string code, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        RequestAsync(new EvalRequest(code), cancellationToken, timeout);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
