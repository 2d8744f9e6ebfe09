using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Beamtalk.Language.Tests.Http;

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1, port 0, over TLS with one certificate or in the clear. It counts the requests that
/// reached it, so a test sees from the server's side that a refused certificate let no request through.
/// </summary>
internal sealed class TinyWebServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly X509Certificate2? _certificate;
    private readonly int _status;
    private readonly string _body;
    private readonly Task _accepting;
    private int _requests;

    public TinyWebServer(X509Certificate2? certificate, string body = "hello", int status = 200)
    {
        _certificate = certificate;
        _body = body;
        _status = status;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Requests => Volatile.Read(ref _requests);

    public string Url(string host, string path = "/") =>
        $"{(_certificate is null ? "http" : "https")}://{host}:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}";

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException || (_stop.IsCancellationRequested && e is InvalidOperationException or SocketException or ObjectDisposedException))
        {
            // Disposal stops the listener; an accept between the cancellation and the stop ends here too.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        Stream stream = client.GetStream();
        try
        {
            if (_certificate is not null)
            {
                var tls = new SslStream(stream);
                await tls.AuthenticateAsServerAsync(_certificate);
                stream = tls;
            }

            var request = new StringBuilder();
            var buffer = new byte[4096];
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                request.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            Interlocked.Increment(ref _requests);
            var body = Encoding.UTF8.GetBytes(_body);
            var head = $"HTTP/1.1 {_status} {(_status == 200 ? "OK" : "Not Found")}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            await stream.WriteAsync(body, _stop.Token);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            // The client refused the certificate or went away: exactly what the refusal tests provoke.
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
