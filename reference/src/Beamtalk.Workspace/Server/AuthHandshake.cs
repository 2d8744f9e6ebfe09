using System.Text.Json;
using Beamtalk.Workspace.Storage;

namespace Beamtalk.Workspace.Server;

/// <summary>Why a first message did not authenticate. The presented value itself is never kept.</summary>
internal enum AuthOutcome
{
    Accepted,
    WrongCookie,
    NotAnAuthMessage,
    Malformed,
}

internal readonly record struct AuthDecision(AuthOutcome Outcome, string Client, string? Resume);

/// <summary>
/// Decides the first message of a connection. It parses, validates the shape, then compares the
/// cookie in fixed time; every other outcome is a rejection, and no branch evaluates anything.
/// </summary>
internal static class AuthHandshake
{
    private static readonly HashSet<string> KnownClients = new(StringComparer.Ordinal) { "repl", "mcp", "lsp", "liveview", "ide", "attach" };

    private static readonly JsonDocumentOptions StrictJson = new() { MaxDepth = 16 };

    public static AuthDecision Decide(string message, WorkspaceCookie cookie)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message, StrictJson);
        }
        catch (JsonException)
        {
            return new AuthDecision(AuthOutcome.Malformed, "unknown", null);
        }

        using (document)
        {
            try
            {
                return DecideParsed(document.RootElement, cookie);
            }
            catch (InvalidOperationException)
            {
                // Reading a string with an unpaired surrogate escape throws here: malformed, not a crash.
                return new AuthDecision(AuthOutcome.Malformed, "unknown", null);
            }
        }
    }

    private static AuthDecision DecideParsed(JsonElement root, WorkspaceCookie cookie)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String
            || type.GetString() != "auth"
            || !root.TryGetProperty("cookie", out var presented)
            || presented.ValueKind != JsonValueKind.String)
        {
            return new AuthDecision(AuthOutcome.NotAnAuthMessage, "unknown", null);
        }

        var client = root.TryGetProperty("client", out var c) && c.ValueKind == JsonValueKind.String && KnownClients.Contains(c.GetString()!)
            ? c.GetString()!
            : "unknown";
        var resume = root.TryGetProperty("resume", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;

        var matches = cookie.Matches(presented.GetString()!);
        return new AuthDecision(matches ? AuthOutcome.Accepted : AuthOutcome.WrongCookie, client, resume);
    }

    public static string Message(AuthOutcome outcome) => outcome switch
    {
        AuthOutcome.WrongCookie => "Invalid cookie",
        AuthOutcome.NotAnAuthMessage => "First message must be auth",
        _ => "Malformed auth message",
    };
}
