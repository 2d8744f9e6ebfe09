using System.Buffers.Text;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Beamtalk.Conformance.KnownBad;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A deliberately small workspace for the suite's self-tests: usage `known-bad-workspace DIR DEFECT`.
// It speaks just enough of beamtalk-ws-v1, and evaluates only the canary, so each defect is the only difference.
if (args.Length != 2 || !Enum.TryParse<Defect>(args[1], out var defect))
{
    Console.Error.WriteLine($"usage: known-bad-workspace DIR ({string.Join('|', Enum.GetNames<Defect>())})");
    return 2;
}

var directory = args[0];
var owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
var cookiePath = Path.Combine(directory, "cookie");
var cookie = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
if (defect == Defect.CookieUnderUmask)
{
    Directory.CreateDirectory(directory);
    File.WriteAllText(cookiePath, cookie);
}
else if (defect == Defect.ChmodsCookieAfterWriting)
{
    Directory.CreateDirectory(directory, owner);
    File.WriteAllText(cookiePath, cookie);
    File.SetUnixFileMode(cookiePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
}
else
{
    Directory.CreateDirectory(directory, owner);
    using var stream = new FileStream(cookiePath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
    stream.Write(Encoding.ASCII.GetBytes(cookie));
}

var log = Path.Combine(directory, "fixture.log");
File.AppendAllText(log, "{\"event\":\"started\"}\n");
if (defect == Defect.LogsCookieHex)
{
    File.AppendAllText(log, $"{{\"event\":\"debug\",\"secret\":\"{Convert.ToHexStringLower(Base64Url.DecodeFromChars(cookie))}\"}}\n");
}

var address = defect == Defect.BindsAllInterfaces ? IPAddress.Any : IPAddress.Loopback;
var port = defect == Defect.PredictablePort ? 20000 + (Environment.ProcessId % 5000) : 0;

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(k => k.Listen(address, port));
var app = builder.Build();
app.UseWebSockets();
app.Map("/ws", async context =>
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        context.Response.StatusCode = 400;
        return;
    }

    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    await Send(socket, new JsonObject { ["op"] = "auth-required" });
    var first = await Receive(socket);
    if (first is null)
    {
        return;
    }

    var message = Parse(first);
    if (defect == Defect.EvaluatesBeforeAuth && message?["op"]?.GetValue<string>() == "eval")
    {
        Evaluate(message["code"]?.GetValue<string>() ?? string.Empty);
    }

    var presented = message?["type"]?.GetValue<string>() == "auth" && message["cookie"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    var accepted = presented is not null && (defect == Defect.AcceptsCookiePrefix
        ? presented.Length > 0 && cookie.StartsWith(presented, StringComparison.Ordinal)
        : CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(cookie))));
    if (!accepted)
    {
        await Send(socket, new JsonObject { ["type"] = "auth_error", ["message"] = "Invalid cookie" });
        await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "Authentication failed", CancellationToken.None);
        return;
    }

    await Send(socket, new JsonObject { ["type"] = "auth_ok" });
    await Send(socket, new JsonObject { ["op"] = "session-started", ["session"] = "s-1" });
    while (await Receive(socket) is { } text)
    {
        var request = Parse(text);
        var reply = new JsonObject { ["id"] = request?["id"]?.GetValue<string>(), ["status"] = new JsonArray("done") };
        if (request?["op"]?.GetValue<string>() == "eval")
        {
            reply["value"] = Evaluate(request["code"]?.GetValue<string>() ?? string.Empty) ? "Result ok: true" : "nil";
        }

        await Send(socket, reply);
    }
});

await app.StartAsync();
var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)).Port;
File.WriteAllText(Path.Combine(directory, "port"), $"{bound}\n");
await app.WaitForShutdownAsync();
return 0;

// The fixture's whole language: the canary `File writeAll: "PATH" contents: "TEXT"`.
static bool Evaluate(string code)
{
    var canary = Regex.Match(code, "File writeAll: \"(?<path>[^\"]+)\" contents: \"(?<text>[^\"]*)\"");
    if (canary.Success)
    {
        File.WriteAllText(canary.Groups["path"].Value, canary.Groups["text"].Value);
    }

    return canary.Success;
}

static JsonObject? Parse(string text)
{
    try
    {
        return JsonNode.Parse(text) as JsonObject;
    }
    catch (System.Text.Json.JsonException)
    {
        return null;
    }
}

static Task Send(WebSocket socket, JsonObject message) =>
    socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

static async Task<string?> Receive(WebSocket socket)
{
    var buffer = new byte[2 * 1024 * 1024];
    var length = 0;
    try
    {
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
    catch (WebSocketException)
    {
        return null;
    }
}
