using System.Net.WebSockets;
using System.Text;

namespace Beamtalk.Conformance.Wire;

/// <summary>What arrived from the server.</summary>
public abstract record WireEvent
{
    public sealed record Text(string Content) : WireEvent;

    /// <summary>A close frame, with the server's code and reason.</summary>
    public sealed record Closed(int? Code, string? Reason) : WireEvent;

    /// <summary>The connection ended without a close frame, or could not be read.</summary>
    public sealed record Dropped(string Why) : WireEvent;

    /// <summary>Nothing arrived within the time allowed.</summary>
    public sealed record Silent : WireEvent;
}

/// <summary>
/// A WebSocket client for the suite: every read is bounded in time and reports what happened
/// (text, close with code, drop, silence) instead of throwing, so checks can grade it.
/// </summary>
public sealed class WireConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];

    private WireConnection(ClientWebSocket socket) => _socket = socket;

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(10);

    public static async Task<WireConnection> OpenAsync(int port, CancellationToken cancellationToken, string path = "/ws", IReadOnlyDictionary<string, string>? headers = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            socket.Options.SetRequestHeader(name, value);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(DefaultTimeout);
        try
        {
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}{path}"), deadline.Token);
            return new WireConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task SendTextAsync(string text, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);

    public Task SendBinaryAsync(byte[] bytes, CancellationToken cancellationToken) =>
        _socket.SendAsync(bytes, WebSocketMessageType.Binary, true, cancellationToken);

    /// <summary>Sends, tolerating a server that already closed (a rejected client may still be writing).</summary>
    public async Task<bool> TrySendTextAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            await SendTextAsync(text, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            return false;
        }
    }

    public async Task<WireEvent> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseSent))
        {
            return _socket.CloseStatus is { } status
                ? new WireEvent.Closed((int)status, _socket.CloseStatusDescription)
                : new WireEvent.Dropped($"socket state {_socket.State}");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var message = new MemoryStream();
        try
        {
            WebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(_buffer, deadline.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return new WireEvent.Closed((int?)result.CloseStatus, result.CloseStatusDescription);
                }

                message.Write(_buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            return new WireEvent.Text(Encoding.UTF8.GetString(message.ToArray()));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WireEvent.Silent();
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            return new WireEvent.Dropped(e.Message);
        }
    }

    /// <summary>Reads until the server closes, drops, or falls silent; returns every text and how it ended.</summary>
    public async Task<(IReadOnlyList<string> Texts, WireEvent End)> ReceiveUntilEndAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        while (true)
        {
            var received = await ReceiveAsync(timeout, cancellationToken);
            if (received is WireEvent.Text text)
            {
                texts.Add(text.Content);
                continue;
            }

            return (texts, received);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, deadline.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                // Already gone; disposing the socket releases the rest.
            }
        }

        _socket.Dispose();
    }
}
