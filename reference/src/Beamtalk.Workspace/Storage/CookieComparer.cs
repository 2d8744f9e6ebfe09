using System.Security.Cryptography;
using System.Text;

namespace Beamtalk.Workspace.Storage;

/// <summary>
/// Fixed-time comparison of secrets of any length. Both sides are hashed to 32 bytes first, so
/// neither the length of the presented value nor the position of the first difference changes
/// which instructions run; a length check before the compare would leak the length.
/// </summary>
public static class CookieComparer
{
    public static bool FixedTimeEquals(string expected, string presented)
    {
        Span<byte> expectedDigest = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> presentedDigest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), expectedDigest);
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), presentedDigest);
        return CryptographicOperations.FixedTimeEquals(expectedDigest, presentedDigest);
    }
}
