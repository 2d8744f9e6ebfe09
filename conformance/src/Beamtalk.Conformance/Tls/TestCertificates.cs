using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Beamtalk.Conformance.Tls;

/// <summary>
/// Certificates a TLS check makes for itself, in memory, for one run: a test CA, a leaf for <c>localhost</c> and
/// 127.0.0.1 it signs, a self-signed leaf for the same names, and a leaf it signs for another host. Nothing is
/// installed anywhere; the target trusts the CA only through its test-only trust option.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    /// <summary>The host the wrong-host leaf names; never the host the check connects to.</summary>
    public const string WrongHost = "wrong-host.invalid";

    private TestCertificates(X509Certificate2 authority, X509Certificate2 trustedLeaf, X509Certificate2 selfSignedLeaf, X509Certificate2 wrongHostLeaf)
    {
        Authority = authority;
        TrustedLeaf = trustedLeaf;
        SelfSignedLeaf = selfSignedLeaf;
        WrongHostLeaf = wrongHostLeaf;
    }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 TrustedLeaf { get; }

    public X509Certificate2 SelfSignedLeaf { get; }

    public X509Certificate2 WrongHostLeaf { get; }

    /// <summary>The CA's certificate (no key) in PEM, for the target's trust option.</summary>
    public string AuthorityPem => Authority.ExportCertificatePem();

    public static TestCertificates Create()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var authority = CreateAuthority($"CN=Beamtalk conformance test CA {run}");
        var trusted = Issue(authority, $"CN=localhost (conformance {run})", ["localhost"], [IPAddress.Loopback]);
        var wrong = Issue(authority, $"CN={WrongHost} (conformance {run})", [WrongHost], []);
        var selfSigned = SelfSigned($"CN=localhost self-signed (conformance {run})", ["localhost"], [IPAddress.Loopback]);
        return new TestCertificates(authority, trusted, selfSigned, wrong);
    }

    public void Dispose()
    {
        Authority.Dispose();
        TrustedLeaf.Dispose();
        SelfSignedLeaf.Dispose();
        WrongHostLeaf.Dispose();
    }

    private static X509Certificate2 CreateAuthority(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string subject, IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> addresses)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = LeafRequest(subject, key, dnsNames, addresses);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        // A leaf may not outlive its issuer, and "now" has moved on since the authority was made (a second or more on
        // a loaded machine): the leaf ends when the authority does.
        var now = DateTimeOffset.UtcNow;
        var notAfter = new DateTimeOffset(authority.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        using var issued = request.Create(authority, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 SelfSigned(string subject, IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> addresses)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        return LeafRequest(subject, key, dnsNames, addresses).CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    private static CertificateRequest LeafRequest(string subject, ECDsa key, IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> addresses)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(names.Build());
        return request;
    }
}
