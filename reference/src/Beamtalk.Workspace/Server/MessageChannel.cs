using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Beamtalk.Workspace.Server;

/// <summary>What reading a message produced.</summary>
internal enum ReadStatus
{
    Text,
    Closed,
    TooLarge,
    NotUtf8,
}

internal readonly record struct ReadResult(ReadStatus Status, string Text = "");

/// <summary>
/// Whole text messages over one WebSocket, with a size limit enforced while reading, so an
/// oversized message is never buffered whole. Binary messages are skipped, as the protocol says.
/// </summary>
internal sealed class MessageChannel(WebSocket socket)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>How long a close waits for the peer's close frame, as long as the pre-auth timeout path waits.</summary>
    private static readonly TimeSpan ClosePatience = TimeSpan.FromSeconds(2);

    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly Lock _sendGate = new();
    private Task _sending = Task.CompletedTask;

    public WebSocketState State => socket.State;

    public async Task<ReadResult> ReadTextAsync(int maxBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(_buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return new ReadResult(ReadStatus.Closed);
                }

                if (message.Length + received.Count > maxBytes)
                {
                    return new ReadResult(ReadStatus.TooLarge);
                }

                message.Write(_buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);

            if (received.MessageType == WebSocketMessageType.Binary)
            {
                continue;
            }

            try
            {
                return new ReadResult(ReadStatus.Text, StrictUtf8.GetString(message.GetBuffer(), 0, (int)message.Length));
            }
            catch (DecoderFallbackException)
            {
                return new ReadResult(ReadStatus.NotUtf8);
            }
        }
    }

    /// <summary>Sends one JSON object. Sends are serialised because an eval's output chunks and replies may race.</summary>
    public Task SendAsync(object payload, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload);
        lock (_sendGate)
        {
            _sending = SendAfter(_sending, bytes, cancellationToken);
            return _sending;
        }
    }

    /// <summary>Ends the connection at once, whatever the peer does; a pending read ends with an error.</summary>
    public void Abort() => socket.Abort();

    /// <summary>Sends a close frame without waiting for the peer's; safe while a read is pending.</summary>
    public async Task CloseOutputAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(status, reason, cancellationToken);
        }
    }

    /// <summary>Sends a close frame and waits for the peer's, but no longer than <see cref="ClosePatience"/>.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            // A peer that never answers the close would otherwise hold the connection for good, outliving
            // the pre-auth timeout. Giving up aborts the socket, by then long after the close frame went out.
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(ClosePatience);
            try
            {
                await socket.CloseAsync(status, reason, patience.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The peer never answered: the connection ends here without its close frame.
            }
        }
    }

    private async Task SendAfter(Task previous, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            await previous;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The earlier send already failed; this one reports its own outcome below.
        }

        await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }
}
