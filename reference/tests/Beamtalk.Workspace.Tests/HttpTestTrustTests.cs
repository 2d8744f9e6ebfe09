using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Beamtalk.Workspace.Diagnostics;
using Beamtalk.Workspace.Server;

namespace Beamtalk.Workspace.Tests;

/// <summary>--trust-ca (test only): a file that cannot give a root stops the start rather than trusting nothing quietly.</summary>
public sealed class HttpTestTrustTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("beamtalk-trust-tests-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void No_file_means_no_extra_roots()
    {
        Assert.Empty(HttpTestTrust.Load(null));
    }

    [Fact]
    public void A_pem_certificate_becomes_a_root()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var authority = new CertificateRequest("CN=test root", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(_directory.FullName, "ca.pem");
        File.WriteAllText(path, authority.ExportCertificatePem());

        var roots = HttpTestTrust.Load(path);

        Assert.Equal(authority.Thumbprint, Assert.Single(roots).Thumbprint);
    }

    [Fact]
    public void A_missing_file_or_one_without_a_certificate_stops_the_start()
    {
        var empty = Path.Combine(_directory.FullName, "empty.pem");
        File.WriteAllText(empty, "not a certificate\n");

        var missing = Assert.Throws<WorkspaceException>(() => HttpTestTrust.Load(Path.Combine(_directory.FullName, "absent.pem")));
        var none = Assert.Throws<WorkspaceException>(() => HttpTestTrust.Load(empty));

        Assert.Equal(WorkspaceErrorCodes.StartFailed, missing.Code);
        Assert.Equal(WorkspaceErrorCodes.StartFailed, none.Code);
        Assert.Contains(empty, none.Message, StringComparison.Ordinal);
    }
}
