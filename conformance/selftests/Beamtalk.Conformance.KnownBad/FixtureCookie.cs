using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Beamtalk.Conformance.KnownBad;

/// <summary>The fixture's cookie: created like the reference does unless a defect says otherwise.</summary>
internal static class FixtureCookie
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerAll = OwnerReadWrite | UnixFileMode.UserExecute;

    /// <summary>The cookie, or null (with a message on stderr) when the fixture refuses to start.</summary>
    public static string? Open(FixtureOptions options)
    {
        if (File.Exists(options.CookiePath))
        {
            var mode = File.GetUnixFileMode(options.CookiePath);
            if ((mode & ~OwnerAll) != 0 && !options.Has(Defect.IgnoresBroadCookie))
            {
                Console.Error.WriteLine($"refusing to start: {options.CookiePath} is readable by others");
                return null;
            }

            return File.ReadAllText(options.CookiePath).Trim();
        }

        var cookie = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(options.Has(Defect.ShortCookie) ? 24 : 32));
        if (options.Has(Defect.CookieUnderUmask))
        {
            Directory.CreateDirectory(options.Directory);
            File.WriteAllText(options.CookiePath, cookie);
        }
        else if (options.Has(Defect.ChmodsCookieAfterWriting))
        {
            Directory.CreateDirectory(options.Directory, OwnerAll);
            File.WriteAllText(options.CookiePath, cookie);
            File.SetUnixFileMode(options.CookiePath, OwnerReadWrite);
        }
        else
        {
            // Whole or not at all: write a private temporary file, then move it into place without overwriting.
            Directory.CreateDirectory(options.Directory, OwnerAll);
            var temporary = options.CookiePath + ".tmp";
            using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite }))
            {
                stream.Write(Encoding.ASCII.GetBytes(cookie));
            }

            try
            {
                File.Move(temporary, options.CookiePath, overwrite: false);
            }
            catch (IOException) when (File.Exists(options.CookiePath))
            {
                // Another start got there first (only possible without the lock): use its cookie and carry on,
                // as a careless implementation would, so every racing start ends up serving.
                File.Delete(temporary);
                return File.ReadAllText(options.CookiePath).Trim();
            }
        }

        return cookie;
    }

    public static bool Matches(FixtureOptions options, string cookie, string presented) =>
        options.Has(Defect.AcceptsCookiePrefix)
            ? presented.Length > 0 && cookie.StartsWith(presented, StringComparison.Ordinal)
            : CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(cookie)));
}
