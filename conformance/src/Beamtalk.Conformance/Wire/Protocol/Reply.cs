using System.Text.Json.Serialization;

namespace Beamtalk.Conformance.Wire.Protocol;

/// <summary>
/// Server → client, the answer to a <see cref="Request"/>. Every field but <see cref="Status"/> is optional: which
/// ones appear depends on the op. An error to a request the server could not read has no <see cref="Id"/>.
/// </summary>
public sealed record Reply
{
    public const string Done = "done";

    public const string ErrorStatus = "error";

    [JsonPropertyName("id"), JsonPropertyOrder(-1)]
    public string? Id { get; init; }

    private readonly IReadOnlyList<string> _status = [];

    /// <summary>
    /// Empty when absent: the generated reader sets every init property, null for a field the frame lacks
    /// (an output chunk has no status), which an initializer alone would not survive.
    /// </summary>
    [JsonPropertyName("status")]
    public IReadOnlyList<string> Status { get => _status; init => _status = value ?? []; }

    /// <summary>The printString of an eval's result. Read from any JSON value: a target may answer a number as a number.</summary>
    [JsonPropertyName("value"), JsonConverter(typeof(AnyAsText))]
    public string? Value { get; init; }

    /// <summary>What an eval printed, when it printed anything.</summary>
    [JsonPropertyName("output"), JsonConverter(typeof(AnyAsText))]
    public string? Output { get; init; }

    [JsonPropertyName("error"), JsonConverter(typeof(AnyAsText))]
    public string? Error { get; init; }

    /// <summary>The reference names an eval error's kind here (the first word of <see cref="Error"/> names it too).</summary>
    [JsonPropertyName("kind"), JsonConverter(typeof(AnyAsText))]
    public string? Kind { get; init; }

    /// <summary>The <c>sessions</c> op: the ids of the open sessions.</summary>
    [JsonPropertyName("sessions")]
    public IReadOnlyList<string>? Sessions { get; init; }

    /// <summary>The <c>interrupt</c> op: whether an eval was running.</summary>
    [JsonPropertyName("interrupted")]
    public bool? Interrupted { get; init; }

    /// <summary>The reference's <c>rotate-cookie</c> op: how many other sessions it ended.</summary>
    [JsonPropertyName("sessions_ended")]
    public int? SessionsEnded { get; init; }

    [JsonIgnore]
    public bool IsDone => Status.Contains(Done);

    [JsonIgnore]
    public bool IsError => Status.Contains(ErrorStatus);

    /// <summary>A successful reply to the request with <paramref name="id"/>; fields are added with <c>with</c>.</summary>
    public static Reply To(string? id) => new() { Id = id, Status = [Done] };

    /// <summary>This reply turned into an error, keeping what it already carries (an eval's output, say).</summary>
    public Reply Failing(string error) => this with { Error = error, Status = [Done, ErrorStatus] };

    public string ToJson() => ProtocolJson.Write(this);

    public static Reply Parse(string text) => ProtocolJson.Read<Reply>(text);
}
