using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beamtalk.Workspace.Diagnostics;
using Beamtalk.Workspace.Storage;

namespace Beamtalk.Cli;

/// <summary>
/// An authenticated connection to a running workspace. The cookie is read from the owner-only
/// file and sent only inside the auth frame; it never reaches argv, the environment or output.
/// </summary>
internal sealed class WorkspaceClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private int _nextId;

    private WorkspaceClient(ClientWebSocket socket, string sessionId)
    {
        _socket = socket;
        SessionId = sessionId;
    }

    public string SessionId { get; }

    public static async Task<WorkspaceClient> ConnectAsync(WorkspaceDirectory workspace, NodeInfo node, CancellationToken cancellationToken)
    {
        var cookie = workspace.ReadCookie();
        var socket = new ClientWebSocket();
        try
        {
            var host = node.BindAddress is "0.0.0.0" or "::" ? "127.0.0.1" : node.BindAddress;
            await socket.ConnectAsync(new Uri($"ws://{FormatHost(host)}:{node.Port}/ws"), cancellationToken);
            var greeting = await ReceiveAsync(socket, cancellationToken);
            if (greeting?["op"]?.GetValue<string>() != "auth-required")
            {
                throw new WorkspaceException(WorkspaceErrorCodes.ProtocolError, "the server did not ask for authentication.");
            }

            await SendAsync(socket, new JsonObject { ["type"] = "auth", ["cookie"] = cookie.Reveal(), ["client"] = "repl" }, cancellationToken);
            var answer = await ReceiveAsync(socket, cancellationToken);
            if (answer?["type"]?.GetValue<string>() != "auth_ok")
            {
                throw new WorkspaceException(
                    WorkspaceErrorCodes.AuthenticationFailed,
                    $"the workspace refused the cookie in {workspace.CookiePath} ({answer?["message"]?.GetValue<string>() ?? "connection closed"}).");
            }

            var started = await ReceiveAsync(socket, cancellationToken);
            var session = started?["session"]?.GetValue<string>() ?? "unknown";
            return new WorkspaceClient(socket, session);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException)
        {
            socket.Dispose();
            throw new WorkspaceException(WorkspaceErrorCodes.ConnectFailed, $"cannot connect to workspace '{workspace.Id}' on port {node.Port}: {e.Message}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request and returns its final reply (the one whose status contains "done").</summary>
    public async Task<JsonObject> RequestAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var id = $"cli-{++_nextId}";
        request["id"] = id;
        await SendAsync(_socket, request, cancellationToken);
        while (true)
        {
            var reply = await ReceiveAsync(_socket, cancellationToken)
                ?? throw new WorkspaceException(WorkspaceErrorCodes.ProtocolError, "the workspace closed the connection before replying.");
            if (reply["id"]?.GetValue<string>() == id && reply["status"] is JsonArray status && status.Any(s => s?.GetValue<string>() == "done"))
            {
                return reply;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The server may already be gone (after shutdown); nothing is left to release but the socket.
            }
        }

        _socket.Dispose();
    }

    private static string FormatHost(string address) => address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;

    private static Task SendAsync(ClientWebSocket socket, JsonObject message, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);

    private static async Task<JsonObject?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        try
        {
            return JsonNode.Parse(message.ToArray()) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new WorkspaceException(WorkspaceErrorCodes.ProtocolError, $"the workspace sent a message that is not JSON: {e.Message}", e);
        }
    }
}
