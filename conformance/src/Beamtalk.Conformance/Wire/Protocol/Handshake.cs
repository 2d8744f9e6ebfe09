using System.Text.Json.Serialization;

namespace Beamtalk.Conformance.Wire.Protocol;

/// <summary>
/// A frame named by its <c>type</c> field. The handshake is the only part of beamtalk-ws-v1 that says <c>type</c>
/// where everything else says <c>op</c> (upstream's spelling), so the two families have separate bases.
/// </summary>
public abstract record TypedMessage
{
    protected TypedMessage(string type) => Type = type;

    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type { get; }

    public string ToJson() => ProtocolJson.Write(this);
}

/// <summary>A frame named by its <c>op</c> field: the server's announcements and every request after auth.</summary>
public abstract record OpMessage
{
    protected OpMessage(string op) => Op = op;

    [JsonPropertyName("op"), JsonPropertyOrder(-1)]
    public string Op { get; }

    public string ToJson() => ProtocolJson.Write(this);
}

/// <summary>Server → client, first frame of every connection. Carries nothing: no session exists yet.</summary>
public sealed record AuthRequired() : OpMessage(Name)
{
    public const string Name = "auth-required";

    public static bool IsIn(string text) => Frame.OpOf(text) == Name;
}

/// <summary>Client → server, the first text frame. <see cref="Client"/> and <see cref="Resume"/> are optional.</summary>
public sealed record AuthRequest(
    [property: JsonPropertyName("cookie")] string Cookie,
    [property: JsonPropertyName("client")] string? Client = null,
    [property: JsonPropertyName("resume")] string? Resume = null) : TypedMessage(Name)
{
    public const string Name = "auth";

    // The cookie is the secret: a record's generated ToString would print it into any log or assertion message.
    public override string ToString() => $"AuthRequest {{ Client = {Client}, Resume = {Resume} }}";
}

/// <summary>Server → client: the cookie matched. <see cref="SessionStarted"/> follows.</summary>
public sealed record AuthOk() : TypedMessage(Name)
{
    public const string Name = "auth_ok";

    public static bool IsIn(string text) => Frame.TypeOf(text) == Name;
}

/// <summary>Server → client: the one text frame before the close of a failed handshake (1008, or 1011 when no session could be made).</summary>
public sealed record AuthError([property: JsonPropertyName("message")] string Message) : TypedMessage(Name)
{
    public const string Name = "auth_error";

    public static bool IsIn(string text) => Frame.TypeOf(text) == Name;
}

/// <summary>Server → client, right after <see cref="AuthOk"/>: the session exists only from here on.</summary>
public sealed record SessionStarted([property: JsonPropertyName("session")] string Session) : OpMessage(Name)
{
    public const string Name = "session-started";
}
