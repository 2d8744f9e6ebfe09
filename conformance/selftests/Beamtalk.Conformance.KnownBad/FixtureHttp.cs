using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Beamtalk.Conformance.Wire.Protocol;
using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.KnownBad;

/// <summary>
/// The fixture's HTTP defects. Without them <c>Http get:</c> is the reference's own (verifying, loopback allowed);
/// with one, the fixture answers <c>Http get: "…"</c> itself, the way a careless client would.
/// </summary>
internal sealed partial class FixtureHttp(FixtureOptions options)
{
    private readonly IReadOnlyList<X509Certificate2> _roots = LoadRoots(options.TrustCa);

    public static IReadOnlyList<X509Certificate2> LoadRoots(string? path)
    {
        if (path is null)
        {
            return [];
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        return [.. roots];
    }

    /// <summary>The URL of a request a defect changes; null when the reference's Http answers it.</summary>
    public string? Intercepts(string code)
    {
        if (HttpGet().Match(code) is not { Success: true } match)
        {
            return null;
        }

        var url = match.Groups["url"].Value;
        var handled = options.Has(Defect.SkipsTlsVerification) || options.Has(Defect.SkipsHostnameCheck)
            || (options.Has(Defect.BlocksLoopbackHttp) && IsLoopback(url));
        return handled ? url : null;
    }

    public Reply Answer(string url, Reply reply)
    {
        if (options.Has(Defect.BlocksLoopbackHttp) && IsLoopback(url))
        {
            return reply.Failing($"http_error: requests to local addresses are blocked ({url})");
        }

        SslPolicyErrors? refused = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) =>
            {
                var accepted = Accepts(certificate, errors);
                refused = accepted ? null : errors;
                return accepted;
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, url));
            using var reader = new StreamReader(response.Content.ReadAsStream());
            var body = reader.ReadToEnd();
            return reply with { Value = "Result ok: \"" + body.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            // Worded like a plain client's refusal, so only what the defect accepts makes the check fail.
            return reply.Failing(refused is { } errors ? $"tls_error: certificate rejected ({errors})" : $"http_error: {e.Message}");
        }
    }

    private bool Accepts(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (options.Has(Defect.SkipsTlsVerification))
        {
            return true;
        }

        // SkipsHostnameCheck: the chain is judged like the reference judges it; the name is not.
        errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null || _roots.Count == 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots.ToArray());
        return custom.Build(certificate);
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address)));

    [GeneratedRegex("Http get: \"(?<url>[^\"]*)\"")]
    private static partial Regex HttpGet();
}
