using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Beamtalk.Conformance.Wire;
using Beamtalk.Conformance.Wire.Protocol;

namespace Beamtalk.Conformance.Timing;

/// <summary>What ended a timed authentication attempt.</summary>
public enum AuthReply
{
    AuthError,
    Close,
    Other,
}

/// <summary>
/// One fresh WebSocket connection, greeted and ready to time one auth frame. Blocking socket calls
/// on the caller's thread on purpose: an async read would hop to the thread pool between the reply's
/// arrival and the timestamp, adding tens of microseconds of jitter to every sample.
/// </summary>
internal sealed class AuthRoundTrip : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    private AuthRoundTrip(Socket socket) => _socket = socket;

    /// <summary>Connects, upgrades and reads the greeting; the auth frame is then the next thing the server reads.</summary>
    public static AuthRoundTrip Open(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = (int)Patience.TotalMilliseconds,
            SendTimeout = (int)Patience.TotalMilliseconds,
        };
        var trip = new AuthRoundTrip(socket);
        try
        {
            socket.Connect(IPAddress.Loopback, port);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            socket.Send(Encoding.ASCII.GetBytes(
                $"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
            var head = trip.ReadHead();
            if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
            {
                throw new IOException($"the upgrade was refused: {head.Split('\r')[0]}");
            }

            var (opcode, _) = trip.ReadFrame();
            if (opcode != RawOpcode.Text)
            {
                throw new IOException($"expected the auth-required greeting, got opcode {opcode}");
            }

            return trip;
        }
        catch
        {
            trip.Dispose();
            throw;
        }
    }

    /// <summary>Sends a ready-made frame and returns the ticks until the server's first whole frame arrived, and what it was.</summary>
    public (long Ticks, AuthReply Reply) Exchange(byte[] frame)
    {
        var start = Stopwatch.GetTimestamp();
        _socket.Send(frame);
        var (opcode, payload) = ReadFrame();
        var ticks = Stopwatch.GetTimestamp() - start;
        var reply = opcode switch
        {
            RawOpcode.Close => AuthReply.Close,
            RawOpcode.Text when AuthError.IsIn(Encoding.UTF8.GetString(payload)) => AuthReply.AuthError,
            _ => AuthReply.Other,
        };
        return (ticks, reply);
    }

    /// <summary>Completes the closing handshake so the server's connection ends cleanly, then lets go.</summary>
    public void Dispose()
    {
        try
        {
            if (_socket.Connected)
            {
                _socket.ReceiveTimeout = 2000;
                _socket.Send(RawWebSocket.Frame(RawOpcode.Close, [0x03, 0xE8]));
                _socket.Shutdown(SocketShutdown.Send);
                while (_socket.Receive(_buffer) > 0)
                {
                    // Drain until the server closes its side.
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // The server may already be gone; closing the socket releases the rest.
        }

        _socket.Dispose();
    }

    private string ReadHead()
    {
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Encoding.ASCII.GetString(_buffer, _start, end);
                _start += end + 4;
                return head;
            }

            Fill();
        }
    }

    private (RawOpcode Opcode, byte[] Payload) ReadFrame()
    {
        Need(2);
        var opcode = (RawOpcode)(_buffer[_start] & 0x0F);
        var length = (long)(_buffer[_start + 1] & 0x7F);
        var header = 2;
        if (length == 126)
        {
            Need(4);
            length = (_buffer[_start + 2] << 8) | _buffer[_start + 3];
            header = 4;
        }
        else if (length == 127)
        {
            throw new IOException("a pre-auth frame of more than 64 KiB");
        }

        Need(header + (int)length);
        var payload = _buffer.AsSpan(_start + header, (int)length).ToArray();
        _start += header + (int)length;
        return (opcode, payload);
    }

    private void Need(int count)
    {
        while (_end - _start < count)
        {
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new IOException("the server's reply does not fit the probe's buffer");
        }

        var read = _socket.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
        if (read == 0)
        {
            throw new IOException("the server closed the connection without a close frame");
        }

        _end += read;
    }
}
