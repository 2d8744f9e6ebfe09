using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Beamtalk.Workspace.Diagnostics;

namespace Beamtalk.Workspace.Storage;

/// <summary>
/// The workspace secret: 32 bytes from the OS CSPRNG, URL-safe base64 without padding.
/// It is never printed; <see cref="ToString"/> and <see cref="Fingerprint"/> give a safe stand-in.
/// </summary>
public sealed class WorkspaceCookie
{
    public const int SecretBytes = 32;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly string _value;

    private WorkspaceCookie(string value) => _value = value;

    /// <summary>First 8 hex characters of the cookie's SHA-256: enough to tell cookies apart in logs, useless to an attacker.</summary>
    public string Fingerprint => FingerprintOf(_value);

    public static string FingerprintOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..8];

    /// <summary>
    /// Replaces the cookie with a fresh one in one rename: readers see the old cookie or the new one.
    /// The temporary file is owner-only from its creation.
    /// </summary>
    public static WorkspaceCookie Rotate(string path)
    {
        var value = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        OwnerOnlyFile.WriteAtomically(path, value);
        return new WorkspaceCookie(value);
    }

    /// <summary>
    /// Creates the cookie file whole, or not at all: the secret is written to an owner-only temporary
    /// file and then moved into place without overwriting (link + unlink on Linux), so a reader never
    /// sees an empty or partial cookie, and an existing cookie is never silently replaced.
    /// </summary>
    public static WorkspaceCookie CreateFile(string path)
    {
        // RandomNumberGenerator is the OS CSPRNG (getrandom on Linux); no seedable generator may ever stand in.
        var value = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".cookie.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = OwnerOnlyFile.CreateNew(temporary))
            {
                stream.Write(Encoding.ASCII.GetBytes(value));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }

        return new WorkspaceCookie(value);
    }

    /// <summary>Reads the cookie, refusing a file that others could read or that is not a well-formed secret.</summary>
    public static WorkspaceCookie ReadFile(string path)
    {
        string text;
        try
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOther) != 0)
            {
                throw new WorkspaceException(
                    WorkspaceErrorCodes.CookieTooBroad,
                    $"the cookie file {path} is readable by others (mode {FormatMode(mode)}); run 'chmod 600 {path}' if you trust it, or rotate it.");
            }

            text = File.ReadAllText(path, Encoding.ASCII);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkspaceException(WorkspaceErrorCodes.CookieUnreadable, $"cannot read the cookie file {path}: {e.Message}", e);
        }

        var value = text.Trim();
        if (!IsWellFormed(value))
        {
            throw new WorkspaceException(
                WorkspaceErrorCodes.CookieInvalid,
                $"the cookie file {path} does not hold a {SecretBytes * 8}-bit URL-safe base64 secret.");
        }

        return new WorkspaceCookie(value);
    }

    /// <summary>Compares a presented value with this cookie in time that does not depend on where or whether they differ.</summary>
    public bool Matches(string presented) => CookieComparer.FixedTimeEquals(_value, presented);

    /// <summary>The secret itself, for the one place that must send it: a client's auth frame.</summary>
    public string Reveal() => _value;

    public override string ToString() => $"cookie sha256:{Fingerprint}";

    internal static string FormatMode(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    private static bool IsWellFormed(string value)
    {
        if (!Base64Url.IsValid(value, out var decodedLength) || decodedLength != SecretBytes)
        {
            return false;
        }

        return value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }
}
