using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Beamtalk.Language.Runtime;
using Beamtalk.Language.Runtime.Values;

namespace Beamtalk.Language.Globals;

/// <summary>
/// <c>Http get: "https://…"</c> answers <c>Result ok: body</c> for a 2xx answer. Every failure is an error with a kind:
/// <c>tls_error</c> names what failed verification (<c>untrusted certificate chain: …</c>,
/// <c>hostname mismatch: certificate is for X, not Y</c>), <c>http_status</c> an answer outside 2xx, <c>http_error</c>
/// a request that could not be made, <c>invalid_url</c> anything but an absolute http(s) URL. Peer and hostname
/// verification cannot be switched off from the language; any host is reachable, loopback included (SSRF is an
/// accepted risk, ADR 0058 2b).
/// </summary>
internal sealed class HttpGlobal(IReadOnlyList<X509Certificate2> testRoots) : GlobalObject
{
    // A request that hangs must not hold the session for ever; 30 s covers a slow server on a slow link.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly CertificateVerifier _verifier = new(testRoots);

    public override string Name => "Http";

    protected override BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) => selector switch
        {
            "get:" => Get(ExpectString(arguments[0], selector), evaluator),
            _ => null,
        };

    private ResultValue Get(string url, Evaluator evaluator)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new BeamtalkException(ErrorKinds.InvalidUrl, $"not an absolute http or https URL: {url}");
        }

        // A handler per request: the verification failure of this request is read back from this closure alone.
        string? tlsFailure = null;
        using var handler = new HttpClientHandler
        {
            // A few hops cover real sites; the handler itself never follows https to http.
            MaxAutomaticRedirections = 5,
            ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) =>
            {
                tlsFailure = _verifier.Failure(request.RequestUri?.IdnHost ?? uri.IdnHost, certificate, chain, errors);
                return tlsFailure is null;
            },
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(evaluator.Budget.CancellationToken);
        deadline.CancelAfter(RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new BeamtalkException(ErrorKinds.HttpStatus, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {uri}");
            }

            return new ResultValue(new StringValue(ReadBody(response, evaluator.Options.MaxStringLength, deadline.Token)));
        }
        catch (HttpRequestException failure)
        {
            throw Describe(failure, uri, tlsFailure);
        }
        catch (IOException broken)
        {
            throw new BeamtalkException(ErrorKinds.HttpError, $"the answer from {uri.Authority} broke off: {broken.Message}");
        }
        catch (OperationCanceledException) when (evaluator.Budget.CancellationToken.IsCancellationRequested)
        {
            throw new BeamtalkException(ErrorKinds.Cancelled, "evaluation cancelled while a request was running");
        }
        catch (OperationCanceledException)
        {
            throw new BeamtalkException(ErrorKinds.HttpError, $"no answer from {uri.Authority} within {RequestTimeout.TotalSeconds:0} s");
        }
    }

    internal static BeamtalkException Describe(HttpRequestException failure, Uri uri, string? tlsFailure)
    {
        if (tlsFailure is not null)
        {
            return new BeamtalkException(ErrorKinds.TlsError, $"{tlsFailure} ({uri.Authority})");
        }

        return failure.HttpRequestError switch
        {
            HttpRequestError.SecureConnectionError => new BeamtalkException(ErrorKinds.TlsError, $"TLS handshake with {uri.Authority} failed: {Innermost(failure)}"),
            HttpRequestError.NameResolutionError => new BeamtalkException(ErrorKinds.HttpError, $"cannot resolve {uri.IdnHost}"),
            HttpRequestError.ConnectionError when failure.InnerException is SocketException socket =>
                new BeamtalkException(ErrorKinds.HttpError, $"cannot connect to {uri.Authority}: {socket.SocketErrorCode}"),
            _ => new BeamtalkException(ErrorKinds.HttpError, $"request to {uri.Authority} failed: {Innermost(failure)}"),
        };
    }

    private static string Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception.Message;
    }

    // The body may be as long as a string may be, and no longer: a huge answer stops the eval, not the workspace.
    private static string ReadBody(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        var encoding = response.Content.Headers.ContentType?.CharSet is { } charset ? EncodingOf(charset) : Encoding.UTF8;
        using var reader = new StreamReader(response.Content.ReadAsStream(cancellationToken), encoding);
        var body = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = reader.Read(buffer)) > 0)
        {
            if (read > limit - body.Length)
            {
                throw BeamtalkException.MemoryLimit($"response body longer than {limit} characters");
            }

            body.Append(buffer, 0, read);
        }

        return body.ToString();
    }

    private static Encoding EncodingOf(string charset)
    {
        try
        {
            return Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }
}
