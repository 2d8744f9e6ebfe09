using System.Security.Cryptography.X509Certificates;

namespace Beamtalk.Language.Tests.Http;

/// <summary>
/// Http get: and its error mapping against real TLS servers on loopback: a trusted chain is accepted only through the
/// host's test roots, and every refusal is an error that names what failed, with no request reaching the server.
/// </summary>
public sealed class HttpGlobalTests : IDisposable
{
    private readonly X509Certificate2 _authority = Certificates.Authority();

    public void Dispose() => _authority.Dispose();

    private Repl Trusting() => new(new SessionOptions { HttpTestRoots = [_authority] });

    private static string Get(string url) => $"Http get: \"{url}\"";

    [Fact]
    public async Task A_chain_ending_in_a_test_root_is_accepted_and_answers_the_body()
    {
        using var leaf = Certificates.Leaf(_authority, "localhost");
        await using var server = new TinyWebServer(leaf, "hello");

        Assert.Equal("Result ok: \"hello\"", Trusting().Value(Get(server.Url("localhost"))));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Without_the_test_root_the_same_chain_is_an_untrusted_chain()
    {
        using var leaf = Certificates.Leaf(_authority, "localhost");
        await using var server = new TinyWebServer(leaf);

        var error = new Repl().Error(Get(server.Url("localhost")));

        Assert.Equal(ErrorKinds.TlsError, error.Kind);
        Assert.StartsWith("tls_error: untrusted certificate chain: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task A_self_signed_certificate_is_refused_as_self_signed_even_with_test_roots()
    {
        using var leaf = Certificates.SelfSigned("localhost");
        await using var server = new TinyWebServer(leaf);

        var error = Trusting().Error(Get(server.Url("localhost")));

        Assert.Equal(ErrorKinds.TlsError, error.Kind);
        Assert.Contains("untrusted certificate chain: the certificate for CN=localhost is self-signed", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task A_trusted_certificate_for_another_host_is_a_hostname_mismatch()
    {
        using var leaf = Certificates.Leaf(_authority, "other.invalid");
        await using var server = new TinyWebServer(leaf);

        var error = Trusting().Error(Get(server.Url("localhost")));

        Assert.Equal(ErrorKinds.TlsError, error.Kind);
        Assert.Contains("hostname mismatch: certificate is for other.invalid, not localhost", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("untrusted", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task An_answer_outside_2xx_is_an_http_status_error()
    {
        await using var server = new TinyWebServer(certificate: null, "gone", status: 404);

        var error = new Repl().Error(Get(server.Url("127.0.0.1", "/missing")));

        Assert.Equal(ErrorKinds.HttpStatus, error.Kind);
        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loopback_is_reachable_over_plain_http()
    {
        await using var server = new TinyWebServer(certificate: null, "local");

        Assert.Equal("Result ok: \"local\"", new Repl().Value(Get(server.Url("127.0.0.1"))));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task A_body_longer_than_the_string_limit_stops_the_eval_with_memory_limit()
    {
        await using var server = new TinyWebServer(certificate: null, new string('x', 100_000));

        var error = new Repl(new SessionOptions { MaxStringLength = 1000 }).Error(Get(server.Url("127.0.0.1")));

        Assert.Equal(ErrorKinds.MemoryLimit, error.Kind);
    }

    [Fact]
    public async Task A_closed_port_is_an_http_error_naming_the_address()
    {
        // A port that was just free: bound by a server that is then stopped.
        string url;
        await using (var server = new TinyWebServer(certificate: null))
        {
            url = server.Url("127.0.0.1");
        }

        var error = new Repl().Error(Get(url));

        Assert.Equal(ErrorKinds.HttpError, error.Kind);
        Assert.Contains("cannot connect to 127.0.0.1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_breaks_off_is_an_http_error()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
            var stream = client.GetStream();
            _ = await stream.ReadAsync(new byte[4096], TestContext.Current.CancellationToken);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nshort"u8.ToArray(), TestContext.Current.CancellationToken);
        }, TestContext.Current.CancellationToken);

        var error = new Repl().Error(Get($"http://127.0.0.1:{port}/"));
        await serving;

        Assert.Equal(ErrorKinds.HttpError, error.Kind);
        Assert.Contains("broke off", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.org/file")]
    [InlineData("not a url")]
    [InlineData("/etc/passwd")]
    public void Anything_but_an_absolute_http_or_https_url_is_invalid_url(string url)
    {
        Assert.Equal(ErrorKinds.InvalidUrl, new Repl().Error(Get(url)).Kind);
    }

    [Theory]
    [InlineData("Http insecure")]
    [InlineData("Http verify: false")]
    [InlineData("Http trustCa: \"/tmp/ca.pem\"")]
    public void The_language_has_no_message_that_weakens_verification(string code)
    {
        Assert.Equal(ErrorKinds.DoesNotUnderstand, new Repl().Error(code).Kind);
    }
}
