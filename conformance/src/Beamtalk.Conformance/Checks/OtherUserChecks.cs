using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// SECRET-OTHER-USER: with the workspace run by one OS user, a second OS user on the same machine
/// cannot read the cookie, so cannot authenticate: not from the cookie file, and not from the command line or the
/// environment of any process of the workspace, which /proc shows to every local user unless it is mounted with
/// hidepid. Root still can (ADR 0058 2c): recorded, not failed.
/// </summary>
public static class OtherUserChecks
{
    private const string Id = "SECRET-OTHER-USER";

    [Requirement(Id)]
    [KnownBad(Defect.CookieUnderUmask)]
    // The cookie file is 0600 there; only /proc/PID/cmdline gives it away.
    [KnownBad(Defect.CookieOnLiveHelperCommandLine, Because = "/cmdline")]
    public sealed class AnotherUserCannotUseTheCookie : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            using var owner = CheckUsers.Create(Id, "owner");
            using var other = CheckUsers.Create(Id, "other");
            await using var instance = await context.StartInstanceAsync(cancellationToken, new InstanceOptions { RunAs = owner });

            var cookieStatus = FileStatus.Of(instance.CookiePath);
            if (cookieStatus is null || cookieStatus.OwnerUid != owner.Uid)
            {
                return new CheckResult.Inconclusive($"the cookie is not owned by the user the workspace runs as (uid {owner.Uid}), so the test did not set up what it meant to.");
            }

            // Positive control: the other user can read a world-readable file in the (0755) home, so a
            // refusal below comes from what the workspace created, not from an untraversable path above it.
            var control = Path.Combine(instance.Home, $".other-user-control-{Guid.NewGuid():N}");
            await File.WriteAllTextAsync(control, "readable", cancellationToken);
            File.SetUnixFileMode(control, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            if (other.RunAs("cat", control).ExitCode != 0)
            {
                return new CheckResult.Inconclusive($"{other.Name} cannot read a world-readable file in the workspace's home either, so a refusal would prove nothing (is the temporary folder traversable?).");
            }

            var cookie = instance.ReadCookie();
            var (code, output) = other.RunAs("cat", instance.CookiePath);
            if (code == 0 || CookieForms.Of(cookie).FindIn(output) is not null)
            {
                return new CheckResult.Violation($"another OS user ({other.Name}) read the cookie of a workspace run by {owner.Name} (cookie mode {cookieStatus.OctalMode}, folder mode {FileStatus.Of(instance.WorkspaceDirectory)?.OctalMode}).");
            }

            var forms = CookieForms.Of(cookie);
            var proc = ProcMount.Current();
            var processes = instance.Processes();
            var readable = new Dictionary<string, int>(StringComparer.Ordinal) { ["cmdline"] = 0, ["environ"] = 0 };
            foreach (var pid in processes)
            {
                foreach (var file in readable.Keys.ToList())
                {
                    // As the other user, exactly as ps or a curious neighbour would; root's view proves nothing here.
                    var (read, text) = other.RunAs("cat", $"/proc/{pid}/{file}");
                    if (read != 0)
                    {
                        continue;
                    }

                    readable[file]++;
                    if (forms.FindIn(text.Replace('\0', ' ')) is { } form)
                    {
                        return new CheckResult.Violation($"another OS user ({other.Name}) read the cookie (sha256:{forms.Fingerprint}, {form.Name}) in /proc/{pid}/{file}, the {(file == "cmdline" ? "command line" : "environment")} of a process of the workspace ({ProgramOf(pid)}); {proc?.Describe() ?? "how /proc is mounted could not be read"}.");
                    }
                }
            }

            if (processes.Count > 0 && readable["cmdline"] == 0 && proc is { HidesOthersProcesses: false })
            {
                return new CheckResult.Inconclusive($"{other.Name} could read none of the command lines of the workspace's {processes.Count} processes although {proc.Describe()}; the probe proved nothing.");
            }

            var procSeen = $"as {other.Name}, read {readable["cmdline"]} command lines and {readable["environ"]} environments of the workspace's {processes.Count} processes in /proc, none holding the cookie ({proc?.Describe() ?? "how /proc is mounted could not be read"})";

            var guessed = "unknown";
            if (target.SpeaksProtocol)
            {
                // Without the file, all the other user can present is a guess; it must be refused like any wrong cookie.
                var attempt = await ReplProtocol.TryAuthenticateAsync(instance.Port, ReplProtocol.AuthFrame(string.Empty), cancellationToken);
                if (attempt.Accepted)
                {
                    return new CheckResult.Violation("a connection presenting no cookie was accepted.");
                }

                guessed = attempt.Describe();
            }

            var reason = output.Trim().Split('\n')[0];
            return new CheckResult.Pass($"workspace run by {owner.Name}: {other.Name} could not read the cookie file ({context.Redact(reason)}); {procSeen}; a connection without the cookie got {guessed}. Caveat (ADR 0058 2c): root, which this kit runs as, reads the 0600 cookie all the same.");
        }
    }

    private static string ProgramOf(int pid) => ProcessTree.CommandLineOf(pid) is { Count: > 0 } words ? Path.GetFileName(words[0]) : "?";
}
