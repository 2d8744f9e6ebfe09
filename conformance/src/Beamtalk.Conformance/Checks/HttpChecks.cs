using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Scripting;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Tls;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// CAP-TLS-VERIFY (ADR 0058 2b) and CAP-SSRF (its accepted risk), over the wire with <c>Http get:</c> against Kestrel
/// servers the check starts on loopback with certificates it makes. Whether a request got through is judged on the
/// server's side (did an HTTP request reach the handler?), never by the answer alone.
/// </summary>
public static class HttpChecks
{
    private const string Verify = "CAP-TLS-VERIFY";
    private const string Ssrf = "CAP-SSRF";

    // The URLs name localhost: it is the name every certificate is judged against, and it resolves to loopback.
    private const string Host = "localhost";

    [Requirement(Verify)]
    [KnownBad(Defect.SkipsTlsVerification, Because = "a self-signed certificate for localhost was accepted")]
    [KnownBad(Defect.SkipsHostnameCheck, Because = "for wrong-host.invalid was accepted")]
    public sealed class TlsPeersAndHostnamesAreVerified : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            context.RequireProtocol();
            if (target.Description.Commands.StartWithTrustedCa is null)
            {
                return new CheckResult.Missing("the target file gives no commands.startWithTrustedCa, so a test CA cannot be trusted and neither a trusted chain nor a refusal can be told apart from a client that refuses everything.");
            }

            using var certificates = TestCertificates.Create();
            var body = Guid.NewGuid().ToString("N");
            await using var trusted = await LoopbackWebServer.StartAsync(certificates.TrustedLeaf, body, cancellationToken);
            await using var selfSigned = await LoopbackWebServer.StartAsync(certificates.SelfSignedLeaf, body, cancellationToken);
            await using var wrongHost = await LoopbackWebServer.StartAsync(certificates.WrongHostLeaf, body, cancellationToken);

            await using var instance = await context.StartInstanceAsync(cancellationToken, new InstanceOptions { TrustedCaPem = certificates.AuthorityPem });
            await using var session = await LanguageSession.OpenAsync(instance, cancellationToken);

            // Positive control first: without it, refusals below could come from a client that cannot connect at all.
            var trustedPath = Path("trusted");
            var accepted = await GetAsync(session, trusted.Url(Host, trustedPath), cancellationToken);
            RequireHttpClient(accepted, Verify);
            if (accepted.Failed || !accepted.Text.Contains(body, StringComparison.Ordinal) || !trusted.Saw(trustedPath))
            {
                return new CheckResult.Violation($"a chain ending in the test CA the target was started to trust was not accepted: `{accepted.Code}` answered {accepted.Describe()}, and the server {(trusted.Saw(trustedPath) ? "did" : "did not")} see the request.");
            }

            var selfSignedRefusal = await ExpectRefusalAsync(session, selfSigned, "a self-signed certificate for localhost", ["certificate", "self-signed", "self signed", "trust", "chain"], cancellationToken);
            var wrongHostRefusal = await ExpectRefusalAsync(session, wrongHost, $"a certificate from the trusted CA for {TestCertificates.WrongHost}", ["host", "name", "mismatch"], cancellationToken);

            return new CheckResult.Pass($"trusted chain (test CA, leaf for localhost): body returned and the server saw GET {trustedPath}. Self-signed leaf: refused with {selfSignedRefusal.Describe()}; its server saw no request. Leaf for {TestCertificates.WrongHost}: refused with {wrongHostRefusal.Describe()}; its server saw no request.");
        }
    }

    [Requirement(Ssrf)]
    [KnownBad(Defect.BlocksLoopbackHttp, Because = "the loopback server did not see the request")]
    public sealed class LocalAddressesAreReachable : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            context.RequireProtocol();
            var body = Guid.NewGuid().ToString("N");
            await using var server = await LoopbackWebServer.StartAsync(certificate: null, body, cancellationToken);
            await using var instance = await context.StartInstanceAsync(cancellationToken);
            await using var session = await LanguageSession.OpenAsync(instance, cancellationToken);

            var marker = Path("marker");
            var answer = await GetAsync(session, server.Url("127.0.0.1", marker), cancellationToken);
            RequireHttpClient(answer, Ssrf);
            if (answer.Failed || !server.Saw(marker))
            {
                return new CheckResult.Violation($"`{answer.Code}` answered {answer.Describe()} and the loopback server {(server.Saw(marker) ? "did" : "did not")} see the request: the documented caveat (ADR 0058 2b) says local addresses are not blocked.");
            }

            return new CheckResult.Pass($"`{answer.Code}` reached a server the kit started on 127.0.0.1 (it saw GET {marker}) and answered {answer.Describe()}: requests to local addresses are not blocked (accepted risk, ADR 0058 2b).");
        }
    }

    private static async Task<EvalAnswer> ExpectRefusalAsync(LanguageSession session, LoopbackWebServer server, string what, IReadOnlyList<string> clearWords, CancellationToken cancellationToken)
    {
        var path = Path("refuse");
        var answer = await GetAsync(session, server.Url(Host, path), cancellationToken);
        if (server.Requests.Count > 0)
        {
            throw CheckEnd.Violation($"{what} was accepted: the server saw GET {string.Join(", ", server.Requests)} and `{answer.Code}` answered {answer.Describe()}.");
        }

        if (!answer.Failed)
        {
            throw CheckEnd.Violation($"{what}: no request reached the server, yet `{answer.Code}` answered {answer.Describe()} instead of an error.");
        }

        if (!clearWords.Any(w => answer.Error!.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            throw CheckEnd.Violation($"{what} was refused, but the error {answer.Describe()} does not say what failed (expected a word such as {string.Join(", ", clearWords.Select(w => $"'{w}'"))}).");
        }

        return answer;
    }

    // A target without an HTTP client has nothing to verify: Missing, not a pass and not a failure.
    private static void RequireHttpClient(EvalAnswer answer, string id)
    {
        if (answer.FailedWith("does_not_understand") || answer.FailedWith("undefined_variable"))
        {
            throw CheckEnd.Missing($"`{answer.Code}` answered {answer.Describe()}: the target lacks Http get:.");
        }
    }

        private static Task<EvalAnswer> GetAsync(LanguageSession session, string url, CancellationToken cancellationToken) =>
        session.EvalAsync($"Http get: {LanguageSession.Quote(url)}", cancellationToken);

    private static string Path(string name) => $"/{name}-{Guid.NewGuid().ToString("N")[..12]}";
}
