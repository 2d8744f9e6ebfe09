using System.Text.Json.Serialization;

namespace Beamtalk.Conformance.Wire.Protocol;

/// <summary>
/// Client → server after auth. The reply echoes <see cref="Id"/>; a request without one gets a reply without one,
/// which a client cannot match (upstream does the same), so a client always sets it.
/// </summary>
public abstract record Request : OpMessage
{
    protected Request(string op)
        : base(op)
    {
    }

    [JsonPropertyName("id"), JsonPropertyOrder(1)]
    public string? Id { get; init; }
}

/// <summary><c>eval</c>: Beamtalk source to evaluate; answered with <see cref="Reply.Value"/> or an error.</summary>
public sealed record EvalRequest([property: JsonPropertyName("code")] string Code) : Request(Name)
{
    public const string Name = "eval";
}

/// <summary><c>load-source</c>: class definitions (hot reload); answered like an eval.</summary>
public sealed record LoadSourceRequest([property: JsonPropertyName("source")] string Source) : Request(Name)
{
    public const string Name = "load-source";
}

/// <summary><c>sessions</c>: answered with <see cref="Reply.Sessions"/>.</summary>
public sealed record SessionsRequest() : Request(Name)
{
    public const string Name = "sessions";
}

/// <summary><c>shutdown</c>: privileged, so the cookie is presented again and checked again.</summary>
public sealed record ShutdownRequest([property: JsonPropertyName("cookie")] string Cookie) : Request(Name)
{
    public const string Name = "shutdown";

    // The cookie is the secret: a record's generated ToString would print it.
    public override string ToString() => $"ShutdownRequest {{ Id = {Id} }}";
}

/// <summary><c>interrupt</c>: stops the session's running eval; answered with <see cref="Reply.Interrupted"/>.</summary>
public sealed record InterruptRequest() : Request(Name)
{
    public const string Name = "interrupt";
}

/// <summary><c>close</c>: ends the session; the reply comes before the close frame.</summary>
public sealed record CloseRequest() : Request(Name)
{
    public const string Name = "close";
}
