using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Beamtalk.Language.Globals;

/// <summary>
/// Decides whether <c>Http get:</c> accepts a server's certificate, and says in words why not. Peer and hostname
/// verification are always on (ADR 0058 2b): the platform's verdict stands, except that a chain the platform does not
/// trust is accepted when it ends in one of the host's test roots. A hostname mismatch is never forgiven.
/// </summary>
internal sealed class CertificateVerifier(IReadOnlyList<X509Certificate2> testRoots)
{
    /// <summary>Null when the certificate is accepted; otherwise what failed, e.g. <c>hostname mismatch: …</c>.</summary>
    public string? Failure(string host, X509Certificate2? leaf, X509Chain? chain, SslPolicyErrors errors)
    {
        if (leaf is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return $"no certificate: {host} sent none";
        }

        var problems = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) && !ChainsToATestRoot(leaf, chain))
        {
            problems.Add(DescribeUntrusted(leaf, chain));
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            problems.Add($"hostname mismatch: certificate is for {NamesOf(leaf)}, not {host}");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private bool ChainsToATestRoot(X509Certificate2 leaf, X509Chain? presented)
    {
        if (testRoots.Count == 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(testRoots.ToArray());
        if (presented is not null)
        {
            // Intermediates the server sent; the trust decision still rests on the custom roots only.
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainElements.Select(e => e.Certificate).ToArray());
        }

        return chain.Build(leaf);
    }

    private static string DescribeUntrusted(X509Certificate2 leaf, X509Chain? chain)
    {
        if (leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData))
        {
            return $"untrusted certificate chain: the certificate for {leaf.Subject} is self-signed, not issued by a trusted authority";
        }

        var statuses = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList() ?? [];
        var why = statuses.Count == 0 ? "no trusted root" : string.Join(", ", statuses);
        return $"untrusted certificate chain: {leaf.Subject}, issued by {leaf.Issuer} ({why})";
    }

    internal static string NamesOf(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            names.AddRange(extension.EnumerateDnsNames());
            names.AddRange(extension.EnumerateIPAddresses().Select(a => a.ToString()));
        }

        if (names.Count == 0 && certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) is { Length: > 0 } common)
        {
            names.Add(common);
        }

        return names.Count == 0 ? "no name" : string.Join(", ", names);
    }
}
