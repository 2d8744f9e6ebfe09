using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Beamtalk.Conformance.Browser;

/// <summary>
/// The attacker's site on a loopback port of its own: any GET gets the probe page, and any WebSocket
/// upgrade is accepted. That permissive socket is the browser-side control: a page that can open it
/// but not the workspace's was refused by the workspace, not by the browser.
/// </summary>
public sealed class ProbeServer : IAsyncDisposable
{
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    private ProbeServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync(_stopping.Token);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static ProbeServer Start() => new();

    /// <summary>A loopback port nothing listens on (bound, then released): what a closed port looks like to the page.</summary>
    public static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping is the point.
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(cancellationToken);
            _ = ServeAsync(client, cancellationToken);
        }
    }

    private static async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(TimeSpan.FromSeconds(30));
                var stream = client.GetStream();
                var headers = await ReadHeadersAsync(stream, deadline.Token);
                var key = Header(headers, "Sec-WebSocket-Key");
                if (key is null)
                {
                    var body = Encoding.UTF8.GetBytes(ProbePage.Html);
                    var head = $"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head), deadline.Token);
                    await stream.WriteAsync(body, deadline.Token);
                    return;
                }

                // RFC 6455 fixes SHA-1 for Sec-WebSocket-Accept; it is a handshake token, not a security boundary.
#pragma warning disable CA5350
                var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
#pragma warning restore CA5350
                var upgrade = $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(upgrade), deadline.Token);

                // Whatever the page sends next (its close frame) is answered with a close frame, so its close event comes at once.
                var buffer = new byte[1024];
                if (await stream.ReadAsync(buffer, deadline.Token) > 0)
                {
                    await stream.WriteAsync(new byte[] { 0x88, 0x00 }, deadline.Token);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A page that went away; the control reads only what the page saw.
            }
        }
    }

    private static async Task<string> ReadHeadersAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && received.Length < 64 * 1024)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return received.ToString();
    }

    private static string? Header(string headers, string name) =>
        headers.Split("\r\n")
            .Where(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            .Select(line => line[(name.Length + 1)..].Trim())
            .FirstOrDefault();
}
