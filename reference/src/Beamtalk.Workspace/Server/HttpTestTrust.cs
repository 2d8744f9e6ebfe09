using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Beamtalk.Workspace.Diagnostics;

namespace Beamtalk.Workspace.Server;

/// <summary>
/// The roots of <c>--trust-ca FILE</c> (test only): read once at start-up, so a file that is missing, unreadable or
/// holds no certificate stops the start instead of silently trusting nothing, or something else later.
/// </summary>
public static class HttpTestTrust
{
    public static IReadOnlyList<X509Certificate2> Load(string? path)
    {
        if (path is null)
        {
            return [];
        }

        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new WorkspaceException(WorkspaceErrorCodes.StartFailed, $"--trust-ca {path}: cannot read a PEM certificate: {e.Message}");
        }

        return roots.Count > 0
            ? [.. roots]
            : throw new WorkspaceException(WorkspaceErrorCodes.StartFailed, $"--trust-ca {path}: the file holds no PEM certificate.");
    }
}
