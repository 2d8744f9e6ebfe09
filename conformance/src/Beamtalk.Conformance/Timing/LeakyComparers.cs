using System.Security.Cryptography;
using System.Text;

namespace Beamtalk.Conformance.Timing;

/// <summary>
/// Comparators known to leak, to show the white-box harness finds what it is meant to find, and one known not to, as
/// its control. Each takes (secret, presented) like a workspace's comparator.
/// </summary>
public static class LeakyComparers
{
    /// <summary>Byte-wise compare that returns at the first difference: its time grows with the shared prefix.</summary>
    public static bool EarlyExit(string secret, string presented)
    {
        var a = Encoding.UTF8.GetBytes(secret);
        var b = Encoding.UTF8.GetBytes(presented);
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Upstream's shape (ADR 0058 hardening note 1): compare the byte lengths, and run the fixed-time
    /// compare only when they agree, so a wrong length answers sooner.
    /// </summary>
    public static bool LengthCheckFirst(string secret, string presented)
    {
        var a = Encoding.UTF8.GetBytes(secret);
        var b = Encoding.UTF8.GetBytes(presented);
        return a.Length == b.Length && CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>
    /// The control: both sides hashed with SHA-256, then compared in fixed time, so neither the presented length nor
    /// the position of the first difference changes the work (ADR 0058 hardening note 1's remedy).
    /// </summary>
    public static bool HashedFixedTime(string secret, string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
