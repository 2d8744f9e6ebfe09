using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Beamtalk.Conformance.Tls;

/// <summary>
/// A Kestrel server a check starts on 127.0.0.1, port 0: HTTPS with one certificate, or plain HTTP without one. It
/// answers every GET with its body and records the path, so a check can tell from the server's side whether an HTTP
/// request reached it at all (a client that refused the certificate never sends one).
/// </summary>
public sealed class LoopbackWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests;

    private LoopbackWebServer(WebApplication app, ConcurrentQueue<string> requests, int port, bool secure)
    {
        _app = app;
        _requests = requests;
        Port = port;
        Secure = secure;
    }

    public int Port { get; }

    public bool Secure { get; }

    /// <summary>Every request path the handler saw, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public bool Saw(string path) => _requests.Contains(path);

    /// <summary>The URL of <paramref name="path"/> on this server, addressed by <paramref name="host"/> (which must resolve to loopback).</summary>
    public string Url(string host, string path) => $"{(Secure ? "https" : "http")}://{host}:{Port}{path}";

    public static async Task<LoopbackWebServer> StartAsync(X509Certificate2? certificate, string body, CancellationToken cancellationToken)
    {
        var requests = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = certificate });
                }
            });
        });
        var app = builder.Build();
        app.Run(context =>
        {
            requests.Enqueue(context.Request.Path.Value ?? "/");
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackWebServer(app, requests, new Uri(address).Port, certificate is not null);
    }

    public async ValueTask DisposeAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(bound.Token);
        await _app.DisposeAsync();
    }
}
