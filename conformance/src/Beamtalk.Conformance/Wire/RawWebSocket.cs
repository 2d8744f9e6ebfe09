using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Beamtalk.Conformance.Wire;

/// <summary>RFC 6455 opcodes; any other value (3-7, 11-15) is reserved, and sending one is a protocol error.</summary>
public enum RawOpcode : byte
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
}

/// <summary>
/// A minimal RFC 6455 client over a loopback TCP connection that performs the upgrade itself, so
/// it can send what no well-behaved client library would: invalid UTF-8 in text frames, fragments,
/// reserved bits and opcodes, unmasked frames, lengths that claim more than is sent, bytes written
/// one at a time, and a reset in the middle of a frame. Reads report what <see cref="WireConnection"/>
/// reports (text, close with code, drop, silence), each bounded in time, and never throw for what
/// the server does.
/// </summary>
public sealed class RawWebSocket : IAsyncDisposable
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private const int MaxServerFrame = 16 * 1024 * 1024;
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _chunk = new byte[64 * 1024];
    private readonly List<string> _transcript = [];
    private readonly MemoryStream _message = new();
    private RawOpcode _messageOpcode;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private Task<int>? _pendingRead;
    private WireEvent? _ended;
    private bool _midFrame;

    private RawWebSocket(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    /// <summary>The status code of the upgrade response: 101 when the WebSocket is open.</summary>
    public int StatusCode { get; private set; }

    public bool IsOpen => StatusCode == 101;

    /// <summary>
    /// Everything the server sent, as text (UTF-8, invalid bytes replaced): the upgrade response,
    /// every text and binary message and every close reason. Pong payloads are left out: RFC 6455
    /// obliges a server to return a ping's payload, so they are not the server's words.
    /// </summary>
    public IReadOnlyList<string> Transcript => _transcript;

    /// <summary>Whether a close frame from the server is answered with one (true: a well-behaved client). False plays a client that never completes the closing handshake.</summary>
    public bool AnswersClose { get; set; } = true;

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/> and sends the upgrade request; a refusal (403, 404) is not an error.</summary>
    public static async Task<RawWebSocket> ConnectAsync(int port, CancellationToken cancellationToken, string path = "/ws", IReadOnlyDictionary<string, string>? headers = null)
    {
        var client = new TcpClient(AddressFamily.InterNetwork) { NoDelay = true };
        RawWebSocket? socket = null;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(WireConnection.DefaultTimeout);
            await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
            socket = new RawWebSocket(client);
            await socket.UpgradeAsync(port, path, headers ?? new Dictionary<string, string>(), deadline.Token);
            return socket;
        }
        catch (Exception e)
        {
            if (socket is null)
            {
                client.Dispose();
            }
            else
            {
                await socket.DisposeAsync();
            }

            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new IOException($"127.0.0.1:{port} did not complete the upgrade within {WireConnection.DefaultTimeout.TotalSeconds:0} s.", e);
            }

            throw;
        }
    }

    /// <summary>
    /// One frame's bytes. <paramref name="claimedLength"/> puts another length in the header than the
    /// payload that follows; <paramref name="reserved"/> sets RSV1-3 (bits 0x40, 0x20, 0x10).
    /// </summary>
    public static byte[] Frame(RawOpcode opcode, ReadOnlySpan<byte> payload, bool fin = true, bool masked = true, byte reserved = 0, ulong? claimedLength = null)
    {
        var length = claimedLength ?? (ulong)payload.Length;
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | (reserved & 0x70) | ((byte)opcode & 0x0F)) };
        var maskBit = masked ? 0x80 : 0;
        if (length < 126)
        {
            header.Add((byte)(maskBit | (int)length));
        }
        else if (length <= ushort.MaxValue)
        {
            header.Add((byte)(maskBit | 126));
            header.Add((byte)(length >> 8));
            header.Add((byte)length);
        }
        else
        {
            header.Add((byte)(maskBit | 127));
            for (var shift = 56; shift >= 0; shift -= 8)
            {
                header.Add((byte)(length >> shift));
            }
        }

        var key = masked ? RandomNumberGenerator.GetBytes(4) : [];
        header.AddRange(key);
        var frame = new byte[header.Count + payload.Length];
        header.CopyTo(frame);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[header.Count + i] = masked ? (byte)(payload[i] ^ key[i % 4]) : payload[i];
        }

        return frame;
    }

    public Task<bool> SendFrameAsync(RawOpcode opcode, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken, bool fin = true) =>
        SendAsync(Frame(opcode, payload.Span, fin), cancellationToken);

    public Task<bool> SendTextAsync(string text, CancellationToken cancellationToken) =>
        SendFrameAsync(RawOpcode.Text, Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>
    /// Writes raw bytes, all at once or one byte per <paramref name="perByte"/>. Returns false when the
    /// server has already closed or reset the connection (a rejected client may still be writing).
    /// <paramref name="endsAtFrameBoundary"/> false marks a frame left incomplete on purpose.
    /// </summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken, TimeSpan? perByte = null, bool endsAtFrameBoundary = true)
    {
        _midFrame = !endsAtFrameBoundary;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(WriteTimeout + ((perByte ?? TimeSpan.Zero) * bytes.Length));
            if (perByte is not { } interval)
            {
                await _stream.WriteAsync(bytes, deadline.Token);
                return true;
            }

            for (var i = 0; i < bytes.Length; i++)
            {
                if (i > 0)
                {
                    // The pause between bytes is the input itself (a slow writer), not synchronisation.
                    await Task.Delay(interval, deadline.Token);
                }

                await _stream.WriteAsync(bytes.Slice(i, 1), deadline.Token);
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>
    /// The next text message, or how the connection ended. Pings are answered, pongs ignored, binary
    /// messages recorded in the transcript and skipped. A close frame is answered with a close frame
    /// (unless a frame of ours is deliberately incomplete) and reported with its code and reason.
    /// </summary>
    public async Task<WireEvent> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_ended is not null)
        {
            return _ended;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (TryTakeFrame(out var fin, out var opcode, out var payload, out var malformed))
            {
                if (await HandleFrameAsync(fin, opcode, payload, cancellationToken) is { } received)
                {
                    return received;
                }

                continue;
            }

            if (malformed is not null)
            {
                return _ended = new WireEvent.Dropped($"the server sent a malformed frame ({malformed})");
            }

            if (await FillAsync(deadline.Token, cancellationToken) is { } ended)
            {
                return ended;
            }
        }
    }

    /// <summary>
    /// Whether the server ends the TCP connection (end of stream or reset) within <paramref name="timeout"/>,
    /// reading and discarding anything else it sends: after a close frame, RFC 6455 section 7.1.1 has
    /// the server close the connection, and a client that never answers must not keep it open.
    /// </summary>
    public async Task<bool> ServerEndsConnectionAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        WireEvent? read;
        do
        {
            _start = _end = 0;
            read = await FillAsync(deadline.Token, cancellationToken);
        }
        while (read is null);

        return read is WireEvent.Dropped;
    }

    /// <summary>Ends the connection with a TCP reset (SO_LINGER 0) instead of an orderly close.</summary>
    public void Reset()
    {
        try
        {
            _client.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // Already gone: nothing left to reset.
        }

        _client.Close();
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _message.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task UpgradeAsync(int port, string path, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        // A Host given by the caller replaces the default one rather than doubling it.
        var host = headers.Keys.Any(h => h.Equals("Host", StringComparison.OrdinalIgnoreCase)) ? string.Empty : $"Host: 127.0.0.1:{port}\r\n";
        var request = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"GET {path} HTTP/1.1\r\n{host}")
            .Append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
            .Append(CultureInfo.InvariantCulture, $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n");
        foreach (var (name, value) in headers)
        {
            request.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        await _stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), cancellationToken);

        int headEnd;
        while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end - _start > 32 * 1024 || await FillAsync(cancellationToken, cancellationToken) is not null)
            {
                throw new IOException($"No complete upgrade response from 127.0.0.1:{port} (got {_end - _start} bytes).");
            }
        }

        var head = Encoding.Latin1.GetString(_buffer, _start, headEnd);
        _start += headEnd + 4;
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ');
        StatusCode = status.Length > 1 && int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;
        string? Field(string name) => lines.Skip(1).Select(l => l.Split(':', 2))
            .LastOrDefault(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))?[1].Trim();
        if (!IsOpen)
        {
            // A refusal's body is part of what the server said; read what its length announces.
            var length = int.TryParse(Field("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Min(n, 64 * 1024) : 0;
            var open = true;
            while (open && _end - _start < length)
            {
                open = await FillAsync(cancellationToken, cancellationToken) is null;
            }

            _transcript.Add(head + "\r\n\r\n" + Encoding.UTF8.GetString(_buffer, _start, Math.Min(length, _end - _start)));
            return;
        }

        _transcript.Add(head);
        // RFC 6455 fixes SHA-1 for the accept value; it proves the server understood the upgrade, nothing more.
#pragma warning disable CA5350
        var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
#pragma warning restore CA5350
        if (Field("Sec-WebSocket-Accept") != expected)
        {
            throw new IOException("The server's 101 response carries a wrong Sec-WebSocket-Accept.");
        }
    }

    /// <summary>Reads more bytes. Null when some arrived; otherwise how the connection ended (silence keeps the read pending for next time).</summary>
    private async Task<WireEvent?> FillAsync(CancellationToken deadline, CancellationToken cancellationToken)
    {
        if (_start > 0 && _start == _end)
        {
            _start = _end = 0;
        }

        // The read is never cancelled (that could leave the socket unusable); a timeout leaves it
        // pending, and the next call picks it up.
        _pendingRead ??= _stream.ReadAsync(_chunk).AsTask();
        try
        {
            var read = await _pendingRead.WaitAsync(deadline);
            _pendingRead = null;
            if (read == 0)
            {
                return Ended(new WireEvent.Dropped("the server closed the TCP connection without a close frame"));
            }

            Append(_chunk.AsSpan(0, read));
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WireEvent.Silent();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            _pendingRead = null;
            var reset = e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset } || e is SocketException { SocketErrorCode: SocketError.ConnectionReset };
            return Ended(new WireEvent.Dropped(reset ? "the server reset the connection without a close frame" : $"the connection failed without a close frame ({e.Message})"));
        }
    }

    /// <summary>The connection's end as first seen (a close frame stays the answer even once the TCP connection ends too).</summary>
    private WireEvent.Dropped Ended(WireEvent.Dropped dropped)
    {
        _ended ??= dropped;
        return dropped;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_end + bytes.Length > _buffer.Length)
        {
            var live = _end - _start;
            var grown = live + bytes.Length > _buffer.Length ? new byte[Math.Max(_buffer.Length * 2, live + bytes.Length)] : _buffer;
            Buffer.BlockCopy(_buffer, _start, grown, 0, live);
            _buffer = grown;
            _start = 0;
            _end = live;
        }

        bytes.CopyTo(_buffer.AsSpan(_end));
        _end += bytes.Length;
    }

    /// <summary>Takes one complete frame off the buffer, if there is one.</summary>
    private bool TryTakeFrame(out bool fin, out RawOpcode opcode, out byte[] payload, out string? malformed)
    {
        fin = false;
        opcode = RawOpcode.Continuation;
        payload = [];
        malformed = null;
        var available = _buffer.AsSpan(_start, _end - _start);
        if (available.Length < 2)
        {
            return false;
        }

        fin = (available[0] & 0x80) != 0;
        opcode = (RawOpcode)(available[0] & 0x0F);
        var masked = (available[1] & 0x80) != 0;
        var length = (ulong)(available[1] & 0x7F);
        var offset = 2;
        if (length == 126)
        {
            if (available.Length < 4)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(available[2..]);
            offset = 4;
        }
        else if (length == 127)
        {
            if (available.Length < 10)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt64BigEndian(available[2..]);
            offset = 10;
        }

        if (length > MaxServerFrame)
        {
            malformed = $"a frame of {length} bytes";
            return false;
        }

        var key = masked ? 4 : 0;
        if ((ulong)available.Length < (ulong)(offset + key) + length)
        {
            return false;
        }

        payload = available.Slice(offset + key, (int)length).ToArray();
        if (masked)
        {
            var mask = available.Slice(offset, 4);
            for (var i = 0; i < payload.Length; i++)
            {
                payload[i] ^= mask[i % 4];
            }
        }

        _start += offset + key + (int)length;
        return true;
    }

    private async Task<WireEvent?> HandleFrameAsync(bool fin, RawOpcode opcode, byte[] payload, CancellationToken cancellationToken)
    {
        switch (opcode)
        {
            case RawOpcode.Ping:
                if (!_midFrame)
                {
                    await SendAsync(Frame(RawOpcode.Pong, payload), cancellationToken);
                }

                return null;
            case RawOpcode.Pong:
                return null;
            case RawOpcode.Close:
                var code = payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(payload) : (int?)null;
                var reason = payload.Length > 2 ? Encoding.UTF8.GetString(payload, 2, payload.Length - 2) : string.Empty;
                if (reason.Length > 0)
                {
                    _transcript.Add(reason);
                }

                if (AnswersClose && !_midFrame)
                {
                    // A well-behaved client answers the close, so the server's closing handshake completes.
                    await SendAsync(Frame(RawOpcode.Close, payload.AsSpan(0, Math.Min(2, payload.Length))), cancellationToken);
                }

                return _ended = new WireEvent.Closed(code, reason);
            case RawOpcode.Text or RawOpcode.Binary or RawOpcode.Continuation:
                if (opcode != RawOpcode.Continuation)
                {
                    _message.SetLength(0);
                    _messageOpcode = opcode;
                }

                _message.Write(payload);
                if (!fin)
                {
                    return null;
                }

                var content = Encoding.UTF8.GetString(_message.GetBuffer(), 0, (int)_message.Length);
                _message.SetLength(0);
                _transcript.Add(content);
                return _messageOpcode == RawOpcode.Text ? new WireEvent.Text(content) : null;
            default:
                return _ended = new WireEvent.Dropped($"the server sent reserved opcode {(int)opcode}");
        }
    }
}
