using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beamtalk.Conformance.Wire.Protocol;

/// <summary>
/// Reads and writes the protocol's records. Absent optional fields are left out rather than written as null,
/// as the reference and upstream do. The default encoder is kept on purpose: it is what the kit wrote before the
/// records existed, so every frame it sends is byte for byte what it sent then.
/// </summary>
public static class ProtocolJson
{
    public static string Write(object message) => JsonSerializer.Serialize(message, message.GetType(), ProtocolJsonContext.Default);

    /// <summary>The record in <paramref name="text"/>; a <see cref="JsonException"/> when it is not JSON or not of that shape.</summary>
    public static T Read<T>(string text)
        where T : class =>
        (T)Read(text, typeof(T));

    /// <summary>As <see cref="Read{T}(string)"/>, for a message type known only at run time.</summary>
    public static object Read(string text, Type type) =>
        JsonSerializer.Deserialize(text, type, ProtocolJsonContext.Default)
            ?? throw new JsonException($"expected a {type.Name}, got JSON null");

    public static T Read<T>(JsonElement element)
        where T : class =>
        element.Deserialize(ProtocolJsonContext.Default.GetTypeInfo(typeof(T))!) as T
            ?? throw new JsonException($"expected a {typeof(T).Name}, got JSON null");
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuthRequired))]
[JsonSerializable(typeof(AuthRequest))]
[JsonSerializable(typeof(AuthOk))]
[JsonSerializable(typeof(AuthError))]
[JsonSerializable(typeof(SessionStarted))]
[JsonSerializable(typeof(EvalRequest))]
[JsonSerializable(typeof(LoadSourceRequest))]
[JsonSerializable(typeof(SessionsRequest))]
[JsonSerializable(typeof(ShutdownRequest))]
[JsonSerializable(typeof(InterruptRequest))]
[JsonSerializable(typeof(CloseRequest))]
[JsonSerializable(typeof(Reply))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;

/// <summary>A field read as text whatever its JSON type: what a tolerant client shows as evidence.</summary>
internal sealed class AnyAsText : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        using var value = JsonDocument.ParseValue(ref reader);
        return value.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
