using System.Text.Json;
using System.Text.Json.Nodes;

namespace Beamtalk.Conformance.Wire.Protocol;

/// <summary>
/// Names a frame without trusting its shape: which message a text is, for any text a server may send
/// (a check must be able to say "not a protocol frame" rather than throw).
/// </summary>
public static class Frame
{
    /// <summary>The string <c>type</c> field (handshake frames), or null.</summary>
    public static string? TypeOf(string text) => Field(text, "type");

    /// <summary>The string <c>op</c> field (announcements and requests), or null.</summary>
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
