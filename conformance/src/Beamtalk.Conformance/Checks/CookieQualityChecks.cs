using System.Buffers.Text;
using System.Globalization;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Checks;

/// <summary>SECRET-ENTROPY and SECRET-TIGHTEN: what the cookie is made of, and what happens to a cookie file others can read.</summary>
public static class CookieQualityChecks
{
    /// <summary>
    /// 48 fresh cookies: for 32-byte cookies 1,536 bytes, 6 expected per byte value, enough for a chi-square over 256
    /// bins; and enough characters that every symbol of a 64-character alphabet shows up (each is missed with
    /// probability about 1e-14), so the observed alphabet is the alphabet.
    /// </summary>
    private const int Samples = 48;

    private const int MinimumBits = 256;

    /// <summary>Two-sided 10^-6 for the monobit z score.</summary>
    private const double MonobitLimit = 4.89;

    /// <summary>
    /// One-sided 10^-6 quantile of chi-square with 255 degrees of freedom (Wilson–Hilferty: 377.3). With
    /// the monobit test, a correct generator is wrongly failed about twice in a million runs.
    /// </summary>
    private const double ChiSquareLimit = 377.3;

    private const string Hex = "0123456789abcdef";
    private const string Base64UrlAlphabet = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    private const string Base64Alphabet = "+/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>
    /// SECRET-ENTROPY: at least 256 bits per cookie, judged from the alphabet and the varying positions that 48 fresh
    /// cookies actually show; all distinct; characters uniform over that alphabet; and, when the cookies use the whole
    /// alphabet of hex or base64, their decoded bytes statistically plain random bytes.
    /// </summary>
    [Requirement("SECRET-ENTROPY")]
    [KnownBad(Defect.ShortCookie)]
    // Decoded as base64url, twenty letters A–Z are 15 bytes, "120 bits"; what the letters can carry is 94.
    [KnownBad(Defect.UppercaseLetterCookie, Because = "= 94.0 bits")]
    public sealed class CookiesCarry256RandomBits : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            using var parallel = new SemaphoreSlim(3);
            async Task<string> OneAsync()
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

                    return instance.ReadCookie();
                }
                finally
                {
                    parallel.Release();
                }
            }

            // Every sample is needed before judging: one cookie shows only part of the alphabet it is drawn from.
            var cookies = await Task.WhenAll(Enumerable.Range(0, Samples).Select(_ => OneAsync()));
            if (cookies.Any(c => c.Length == 0))
            {
                return new CheckResult.Violation("a fresh workspace's cookie file was empty.");
            }

            var distinct = cookies.Distinct(StringComparer.Ordinal).Count();
            if (distinct != cookies.Length)
            {
                return new CheckResult.Violation($"{cookies.Length} fresh workspaces got only {distinct} distinct cookies.");
            }

            var alphabet = SecretAlphabet.Observe(cookies);
            if (alphabet.Bits < MinimumBits)
            {
                return new CheckResult.Violation($"{alphabet.Explain()}; at least {MinimumBits} bits are required.");
            }

            var characterChiSquare = SecretAlphabet.CharacterChiSquare(cookies, alphabet.Alphabet);
            var characterLimit = SecretAlphabet.ChiSquareLimit(alphabet.Size - 1);
            if (characterChiSquare > characterLimit)
            {
                return new CheckResult.Violation(string.Create(CultureInfo.InvariantCulture,
                    $"{alphabet.Explain()}, but the characters are not drawn uniformly from it: chi-square {characterChiSquare:0.0} exceeds {characterLimit:0.0} (df {alphabet.Size - 1}, alpha 1e-6), so the bits are fewer than that."));
            }

            var characters = string.Create(CultureInfo.InvariantCulture, $"character chi-square = {characterChiSquare:0.0} (limit {characterLimit:0.0}, df {alphabet.Size - 1})");
            if (Decode(cookies, alphabet) is not { } decoded)
            {
                return new CheckResult.Pass($"{alphabet.Explain()}; all distinct; {characters}. Not hex or base64 (the samples do not use the whole of either alphabet), so no byte-level test.");
            }

            var bytes = decoded.SelectMany(c => c).ToArray();
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
                $"{alphabet.Explain()}; all distinct; {characters}; decoded, monobit z = {monobit:0.00} (limit {MonobitLimit}) and byte chi-square = {chiSquare:0.0} (limit {ChiSquareLimit}, df 255); false-alarm rate about 3e-6 per run."));
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

                // A refusal counts only if the loosened mode caused it: the same workspace must start once the mode is back.
                File.SetUnixFileMode(instance.CookiePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                try
                {
                    await instance.StartAsync(cancellationToken);
                }
                catch (TargetStartException e)
                {
                    return new CheckResult.Inconclusive($"the workspace refused to start with its cookie loosened to 0644, but also with it back at 0600, so the refusal was not about the mode: {instance.Redact(e.Message)}");
                }

                return new CheckResult.Pass("with the cookie file loosened to 0644 the workspace refused to start and nothing of it listened; with the file back at 0600 the same workspace started.");
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
            if (servers.Count == 0)
            {
                // No server at all may be a start that fails for its own reasons: a single start tells them apart.
                await using var alone = target.NewInstance();
                try
                {
                    await alone.StartAsync(cancellationToken);
                }
                catch (TargetStartException e)
                {
                    return new CheckResult.Inconclusive($"{starts} concurrent starts left no server, but a single start fails too, so the race cannot be judged: {alone.Redact(e.Message)}");
                }

                return new CheckResult.Violation($"{starts} concurrent starts left no server running, while a single start works: racing starts lock each other out.");
            }

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

    /// <summary>
    /// The cookies' bytes, when the samples use the whole alphabet of hex, base64url or base64 (so decoding is what
    /// the text is); null otherwise.
    /// </summary>
    private static IReadOnlyList<byte[]>? Decode(IReadOnlyList<string> cookies, SecretAlphabet alphabet)
    {
        try
        {
            if (alphabet.IsWholeAlphabetOf(Hex) || alphabet.IsWholeAlphabetOf(Hex.ToUpperInvariant()))
            {
                return cookies.All(c => c.Length % 2 == 0) ? [.. cookies.Select(Convert.FromHexString)] : null;
            }

            if (alphabet.IsWholeAlphabetOf(Base64UrlAlphabet))
            {
                return [.. cookies.Select(c => Base64Url.DecodeFromChars(c))];
            }

            var padded = alphabet.Alphabet.Replace("=", string.Empty, StringComparison.Ordinal);
            if (padded.Length == Base64Alphabet.Length && padded.All(Base64Alphabet.Contains))
            {
                return [.. cookies.Select(c => Convert.FromBase64String(c.PadRight(c.Length + ((4 - (c.Length % 4)) % 4), '=')))];
            }
        }
        catch (FormatException)
        {
            // Shaped like the encoding, yet not valid in it: judged by its characters alone.
        }

        return null;
    }
}
