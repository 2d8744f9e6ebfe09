using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Beamtalk.Conformance.Wire;

/// <summary>
/// Sends one WebSocket upgrade request with exactly the Host and Origin given (a browser or a
/// rebinding attacker controls these; ClientWebSocket does not let a caller choose Host) and
/// returns the HTTP status the server answered: 101 means the upgrade was accepted.
/// </summary>
public static class UpgradeProbe
{
    public static async Task<int?> StatusAsync(int port, string host, string? origin, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(WireConnection.DefaultTimeout);
        await client.ConnectAsync("127.0.0.1", port, deadline.Token);
        var stream = client.GetStream();
        var request = new StringBuilder()
            .Append("GET /ws HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {host}\r\n")
            .Append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
            .Append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        if (origin is not null)
        {
            request.Append(CultureInfo.InvariantCulture, $"Origin: {origin}\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), deadline.Token);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        try
        {
            var statusLine = await reader.ReadLineAsync(deadline.Token);
            var parts = statusLine?.Split(' ', 3);
            return parts is { Length: >= 2 } && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var status) ? status : null;
        }
        catch (Exception e) when (e is IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A reset, or no answer within the probe's own deadline: either way the upgrade did not happen.
            return null;
        }
    }
}
