using System.Buffers.Text;
using System.Diagnostics;
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

        var cookie = options.Has(Defect.UppercaseLetterCookie)
            ? UppercaseLetters(20)
            : Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(options.Has(Defect.ShortCookie) ? 24 : 32));
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
        else if (options.Has(Defect.WritesCookieInPlace))
        {
            Directory.CreateDirectory(options.Directory, OwnerAll);
            using var stream = new FileStream(options.CookiePath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite });
            var bytes = Encoding.ASCII.GetBytes(cookie);
            stream.Write(bytes, 0, bytes.Length / 2);
            stream.Flush();
            stream.Write(bytes, bytes.Length / 2, bytes.Length - (bytes.Length / 2));
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

    /// <summary>The size of the timing defects' leaks: what the black-box check must see.</summary>
    private static readonly long LeakTicks = Stopwatch.Frequency * 5 / 1_000_000;

    public static bool Matches(FixtureOptions options, string cookie, string presented)
    {
        if (options.Has(Defect.AcceptsCookiePrefix))
        {
            return presented.Length > 0 && cookie.StartsWith(presented, StringComparison.Ordinal);
        }

        if (options.Has(Defect.DelayGrowsWithSharedPrefix))
        {
            var shared = 0;
            while (shared < Math.Min(cookie.Length, presented.Length) && cookie[shared] == presented[shared])
            {
                shared++;
            }

            Spin(LeakTicks * shared / Math.Max(cookie.Length, 1));
        }

        var expected = Encoding.UTF8.GetBytes(cookie);
        var given = Encoding.UTF8.GetBytes(presented);
        if (options.Has(Defect.LengthCheckFirst))
        {
            if (expected.Length != given.Length)
            {
                return false;
            }

            Spin(LeakTicks);
            return CryptographicOperations.FixedTimeEquals(expected, given);
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(given), SHA256.HashData(expected));
    }

    /// <summary>Busy-waits: sleeping has millisecond granularity, and a yield could wake up late by far more than the leak.</summary>
    private static void Spin(long ticks)
    {
        var until = Stopwatch.GetTimestamp() + ticks;
        while (Stopwatch.GetTimestamp() < until)
        {
            // Spin.
        }
    }

    /// <summary>UppercaseLetterCookie: random, but from 26 letters only (log2 26 ≈ 4.7 bits each).</summary>
    private static string UppercaseLetters(int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => (char)('A' + RandomNumberGenerator.GetInt32(26))));
}
