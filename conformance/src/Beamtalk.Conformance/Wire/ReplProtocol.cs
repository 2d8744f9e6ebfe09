using System.Text.Json;
using System.Text.Json.Nodes;

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

    private static bool IsAuthError(string text) => ReplProtocol.TypeOf(text) == "auth_error";
}

/// <summary>The beamtalk-ws-v1 protocol, as the suite speaks it: handshake, authentication, requests.</summary>
public static class ReplProtocol
{
    public static string AuthFrame(string cookie) => new JsonObject { ["type"] = "auth", ["cookie"] = cookie }.ToJsonString();

    /// <summary>Connects, waits for auth-required, sends <paramref name="firstFrame"/>, and records the outcome.</summary>
    public static async Task<AuthAttempt> TryAuthenticateAsync(int port, string firstFrame, CancellationToken cancellationToken)
    {
        await using var connection = await WireConnection.OpenAsync(port, cancellationToken);
        return await TryAuthenticateAsync(connection, firstFrame, cancellationToken);
    }

    public static async Task<AuthAttempt> TryAuthenticateAsync(WireConnection connection, string firstFrame, CancellationToken cancellationToken)
    {
        var greeting = await connection.ReceiveAsync(WireConnection.DefaultTimeout, cancellationToken);
        var greeted = greeting is WireEvent.Text t && OpOf(t.Content) == "auth-required";
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
            if (TypeOf(text.Content) == "auth_ok")
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

    public static string? TypeOf(string text) => Field(text, "type");

    public static string? OpOf(string text) => Field(text, "op");

    private static string? Field(string text, string name)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Requests over an authenticated connection. Replies are matched by id; everything received is kept as evidence.</summary>
public sealed class ReplSessionClient(WireConnection connection, IEnumerable<string> handshake) : IAsyncDisposable
{
    private readonly List<string> _received = [.. handshake];
    private int _next;

    public WireConnection Connection { get; } = connection;

    public IReadOnlyList<string> Received => _received;

    public async Task<JsonObject> RequestAsync(JsonObject request, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var id = $"kit-{++_next}";
        request["id"] = id;
        await Connection.SendTextAsync(request.ToJsonString(), cancellationToken);
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

                throw new InvalidOperationException($"No reply to '{request["op"]}': {received}.");
            }

            _received.Add(text.Content);
            if (JsonNode.Parse(text.Content) is JsonObject reply && reply["id"]?.GetValue<string>() == id
                && reply["status"] is JsonArray status && status.Any(s => s?.GetValue<string>() == "done"))
            {
                return reply;
            }
        }
    }

    /// <summary>What ended the last request that got no reply: a close, a drop or silence.</summary>
    public WireEvent? LastEnd { get; private set; }

    public Task<JsonObject> EvalAsync(string code, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        RequestAsync(new JsonObject { ["op"] = "eval", ["code"] = code }, cancellationToken, timeout);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
