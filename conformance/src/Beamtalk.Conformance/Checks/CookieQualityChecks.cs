using System.Buffers.Text;
using System.Globalization;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Checks;

/// <summary>SECRET-ENTROPY and SECRET-TIGHTEN: what the cookie is made of, and what happens to a cookie file others can read.</summary>
public static class CookieQualityChecks
{
    /// <summary>48 cookies of 32 bytes: 1,536 bytes, 6 expected per byte value, enough for a chi-square over 256 bins.</summary>
    private const int Samples = 48;

    private const int MinimumBytes = 32;

    /// <summary>Two-sided 10^-6 for the monobit z score.</summary>
    private const double MonobitLimit = 4.89;

    /// <summary>
    /// One-sided 10^-6 quantile of chi-square with 255 degrees of freedom (Wilson–Hilferty: 377.3). With
    /// the monobit test, a correct generator is wrongly failed about twice in a million runs.
    /// </summary>
    private const double ChiSquareLimit = 377.3;

    /// <summary>SECRET-ENTROPY: at least 256 bits per cookie, all distinct, and statistically plain random bytes.</summary>
    [Requirement("SECRET-ENTROPY")]
    [KnownBad(Defect.ShortCookie)]
    public sealed class CookiesCarry256RandomBits : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            var cookies = new List<byte[]>();
            using var parallel = new SemaphoreSlim(3);
            async Task<byte[]> OneAsync()
            {
                await parallel.WaitAsync(cancellationToken);
                try
                {
                    await using var instance = target.NewInstance();
                    if (target.Description.Commands.Create is not null)
                    {
                        await instance.CreateAsync(cancellationToken);
                    }
                    else
                    {
                        await instance.StartAsync(cancellationToken);
                    }

                    return Decode(instance.ReadCookie(), id);
                }
                finally
                {
                    parallel.Release();
                }
            }

            // The first cookie alone settles the length, without paying for 47 more.
            var first = await OneAsync();
            if (first.Length < MinimumBytes)
            {
                return new CheckResult.Violation($"the cookie decodes to {first.Length} bytes ({first.Length * 8} bits); at least {MinimumBytes} bytes (256 bits) are required.");
            }

            cookies.Add(first);
            cookies.AddRange(await Task.WhenAll(Enumerable.Range(1, Samples - 1).Select(_ => OneAsync())));

            var shortest = cookies.Min(c => c.Length);
            if (shortest < MinimumBytes)
            {
                return new CheckResult.Violation($"a cookie decodes to {shortest} bytes; at least {MinimumBytes} are required.");
            }

            var distinct = cookies.Select(Convert.ToHexString).Distinct().Count();
            if (distinct != cookies.Count)
            {
                return new CheckResult.Violation($"{cookies.Count} fresh workspaces got only {distinct} distinct cookies.");
            }

            var bytes = cookies.SelectMany(c => c).ToArray();
            var bits = bytes.Length * 8.0;
            var ones = bytes.Sum(b => (double)System.Numerics.BitOperations.PopCount(b));
            var monobit = Math.Abs((2 * ones) - bits) / Math.Sqrt(bits);
            if (monobit > MonobitLimit)
            {
                return new CheckResult.Violation($"monobit test: {ones:0} ones in {bits:0} bits (z = {monobit:0.00} > {MonobitLimit}); the bytes are biased.");
            }

            var expected = bytes.Length / 256.0;
            var chiSquare = bytes.GroupBy(b => b).Select(g => g.Count()).Concat(Enumerable.Repeat(0, 256 - bytes.Distinct().Count()))
                .Sum(observed => Math.Pow(observed - expected, 2) / expected);
            if (chiSquare > ChiSquareLimit)
            {
                return new CheckResult.Violation($"byte chi-square {chiSquare:0.0} over {bytes.Length} bytes exceeds {ChiSquareLimit} (255 degrees of freedom, alpha 1e-6); the byte values are not uniform.");
            }

            return new CheckResult.Pass(string.Create(CultureInfo.InvariantCulture,
                $"{cookies.Count} fresh cookies of {shortest} bytes, all distinct; monobit z = {monobit:0.00} (limit {MonobitLimit}); byte chi-square = {chiSquare:0.0} (limit {ChiSquareLimit}, df 255); false-alarm rate about 2e-6 per run."));
        }
    }

    /// <summary>SECRET-TIGHTEN: started with a cookie file others can read, the target narrows it to the owner or refuses to start.</summary>
    [Requirement("SECRET-TIGHTEN")]
    [KnownBad(Defect.IgnoresBroadCookie)]
    public sealed class BroadCookieIsTightenedOrRefused : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            const UnixFileMode Broad = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            await using var instance = target.NewInstance();
            if (target.Description.Commands.Create is not null)
            {
                await instance.CreateAsync(cancellationToken);
            }
            else
            {
                await instance.StartAsync(cancellationToken);
                await instance.StopAsync(cancellationToken);
            }

            File.SetUnixFileMode(instance.CookiePath, Broad);
            try
            {
                await instance.StartAsync(cancellationToken);
            }
            catch (TargetStartException)
            {
                if (SocketTable.ListenersOf(instance.Processes()).Any(l => l.Kind == SocketKind.Tcp))
                {
                    return new CheckResult.Violation("with the cookie file loosened to 0644 the start reported failure, yet a process of the workspace is listening.");
                }

                return new CheckResult.Pass("with the cookie file loosened to 0644 the workspace refused to start, and nothing of it listens.");
            }

            var mode = FileStatus.Of(instance.CookiePath)?.Mode ?? Broad;
            if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            {
                return new CheckResult.Violation($"with the cookie file loosened to 0644 the workspace started and left it {Convert.ToString((int)mode, 8).PadLeft(4, '0')}.");
            }

            return new CheckResult.Pass($"with the cookie file loosened to 0644 the workspace started and tightened it to {Convert.ToString((int)mode, 8).PadLeft(4, '0')}.");
        }
    }

    /// <summary>
    /// SECRET-ATOMIC: ten starts of one workspace at once give one server and one cookie; a reader
    /// sampling the cookie file throughout never sees it empty, torn, or replaced.
    /// </summary>
    [Requirement("SECRET-ATOMIC")]
    [KnownBad(Defect.NoStartLock)]
    public sealed class ConcurrentStartsAgreeOnOneCookie : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            const int starts = 10;
            await using var instance = target.NewInstance();
            var seen = new List<string>();
            using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sampler = Task.Run(async () =>
            {
                while (!stopSampling.IsCancellationRequested)
                {
                    try
                    {
                        var text = await File.ReadAllTextAsync(instance.CookiePath, CancellationToken.None);
                        lock (seen)
                        {
                            if (seen.Count == 0 || seen[^1] != text)
                            {
                                seen.Add(text);
                            }
                        }
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // Not there yet, or being replaced: absence is allowed, only what is read is judged.
                    }

                    await Task.Yield();
                }
            }, CancellationToken.None);

            IReadOnlyList<int> servers;
            try
            {
                servers = await instance.RaceStartsAsync(starts, cancellationToken);
            }
            finally
            {
                await stopSampling.CancelAsync();
                await sampler;
            }

            var final = File.Exists(instance.CookiePath) ? instance.ReadCookie() : null;
            if (servers.Count != 1)
            {
                return new CheckResult.Violation($"{starts} concurrent starts left {servers.Count} servers running (pids {string.Join(", ", servers)}); exactly one is allowed.");
            }

            var versions = seen.Select(t => t.Trim()).Distinct().ToList();
            if (versions.Any(v => v.Length == 0))
            {
                return new CheckResult.Violation("a reader saw the cookie file empty during the concurrent starts.");
            }

            if (final is null || versions.Count != 1 || versions[0] != final)
            {
                return new CheckResult.Violation($"a reader saw {versions.Count} different cookie values during the concurrent starts (torn or replaced); exactly one is allowed.");
            }

            return new CheckResult.Pass($"{starts} concurrent starts: 1 server (pid {servers[0]}); the cookie file, read {seen.Count} time(s) with changes recorded, only ever held one value.");
        }
    }

    /// <summary>
    /// SECRET-ATOMIC, seen by the kernel: the cookie file must come into existence whole. A file
    /// created at its final name (open with O_CREAT) exists, empty, before its bytes are written, so a
    /// reader or a concurrent start can see it empty or partial however short the window; a private
    /// temporary file renamed or linked into place cannot be seen that way. Deterministic where the
    /// sampling reader above can only be lucky.
    /// </summary>
    [Requirement("SECRET-ATOMIC")]
    [KnownBad(Defect.WritesCookieInPlace)]
    // Creating the cookie under the umask writes it at its final name as well.
    [KnownBad(Defect.CookieUnderUmask)]
    public sealed class CookieAppearsWhole : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            if (!SyscallTracer.IsAvailable)
            {
                return new CheckResult.Inconclusive("strace is not installed, so how the cookie file came into place cannot be seen (run 'make setup' as root, or apt-get install strace).");
            }

            await using var instance = target.NewInstance(new InstanceOptions { TraceSyscalls = true });
            await instance.CreateAsync(cancellationToken);
            await instance.StartAsync(cancellationToken);
            var (creations, renames) = instance.Creations();
            var inPlace = creations.FirstOrDefault(c => c.Path == instance.CookiePath);
            if (inPlace is not null)
            {
                return new CheckResult.Violation($"the cookie file was created at its final name ({inPlace}) and written afterwards, so it can be read empty or partial; write a private temporary file and rename or link it into place.");
            }

            var movedIn = renames.FirstOrDefault(r => r.To == instance.CookiePath);
            if (movedIn == default)
            {
                return new CheckResult.Inconclusive($"strace saw {creations.Count} creations and {renames.Count} renames or links, none of them the cookie's; it may have been created by a path the trace does not cover.");
            }

            return new CheckResult.Pass($"the cookie file came into place whole: {Path.GetFileName(movedIn.From)} was renamed or linked to {Path.GetFileName(movedIn.To)}; it was never created at its final name.");
        }
    }

    /// <summary>The cookie's random bytes: base64url, base64 or hex; anything else cannot be judged.</summary>
    private static byte[] Decode(string cookie, string id)
    {
        // Hex first: every hex string is also valid base64url, and decoding it so would look biased.
        if (cookie.Length % 2 == 0 && cookie.All(char.IsAsciiHexDigit))
        {
            return Convert.FromHexString(cookie);
        }

        if (Base64Url.IsValid(cookie.AsSpan(), out _))
        {
            return Base64Url.DecodeFromChars(cookie);
        }

        try
        {
            return Convert.FromBase64String(cookie);
        }
        catch (FormatException)
        {
            throw CheckEnd.Inconclusive("the cookie is neither base64url, base64 nor hex, so the number of random bytes in it cannot be told.");
        }
    }
}
