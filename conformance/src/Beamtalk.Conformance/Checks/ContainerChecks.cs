using Beamtalk.Conformance.Containers;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// CT-*: the workspace in a real container (ADR 0058 2c), from an image the kit builds from the target's own files.
/// Every check has its control in the same run: the owner reads the cookie, the workspace is seen listening, the
/// right cookie authenticates, so a refusal cannot come from a container that simply does not work.
/// </summary>
public static class ContainerChecks
{
    /// <summary>CT-ROOT-READS-COOKIE (caveat): with the workspace running as root, a second root process reads its owner-only cookie.</summary>
    [Requirement("CT-ROOT-READS-COOKIE")]
    [KnownBad(Defect.DeletesCookieAfterReading, Because = "could not read the cookie")]
    public sealed class RootReadsTheCookie : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            await using var container = await WorkspaceContainer.StartAsync(id, target, ContainerUser.Root, ContainerNetworking.PublishedOnBridge, cancellationToken);
            var mode = await container.CookieModeAsync(cancellationToken);
            var read = await container.ReadCookieAsync(ContainerUser.Root, cancellationToken);
            if (!read.Succeeded)
            {
                return new CheckResult.Violation($"the documented caveat does not hold as described: while the workspace ran as root, a second root process could not read the cookie at {container.CookiePath} ({read.Error}; mode and owner: {mode}). If the target keeps no cookie file, its documentation of this risk is wrong.");
            }

            return new CheckResult.Pass($"workspace as root in a container; the cookie {container.CookiePath} has mode and owner {mode}, and a second root process (docker exec -u 0) read it: sha256:{CookieForms.FingerprintOf(read.Cookie!)}. In a root container the file mode protects nothing; loopback binding is the protection left.");
        }
    }

    /// <summary>CT-BRIDGE-NOT-EXPOSED: publishing the workspace port on the default bridge reaches nothing, because the workspace listens on the container's loopback.</summary>
    [Requirement("CT-BRIDGE-NOT-EXPOSED")]
    [KnownBad(Defect.BindsAllInterfaces)]
    public sealed class PublishedPortDoesNotExposeTheRepl : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            context.RequireProtocol();
            await using var container = await WorkspaceContainer.StartAsync(id, target, ContainerUser.Owner, ContainerNetworking.PublishedOnBridge, cancellationToken);
            var listeners = await container.ListenersOnPortAsync(cancellationToken);
            if (listeners.Count == 0)
            {
                return new CheckResult.Inconclusive($"the container logged that it was ready, but nothing in it listens on port {container.Port}, so an unreachable port proves nothing. Output:\n{await container.LogsAsync()}");
            }

            // The Host names the container's own port, as a peer on the bridge would send it: a Host check is no substitute for the bind.
            var hostPort = container.HostPort;
            var status = await UpgradeProbe.StatusAsync(hostPort, $"127.0.0.1:{container.Port}", origin: null, cancellationToken);
            if (status is not null)
            {
                return new CheckResult.Violation($"the workspace listens on {string.Join(", ", listeners)} in the container, so publishing port {container.Port} exposed the REPL: from the host, an upgrade request to 127.0.0.1:{hostPort} was answered with HTTP {status}{(status == 101 ? " (a WebSocket handshake)" : string.Empty)}.");
            }

            return new CheckResult.Pass($"in the container the workspace listens on {string.Join(", ", listeners)} only; port {container.Port} published to the host's 127.0.0.1:{hostPort} gave an upgrade request from the host no HTTP answer at all.");
        }
    }

    /// <summary>CT-HOST-NETWORK (caveat): with host networking, a host process reaches the port; authentication still holds.</summary>
    [Requirement("CT-HOST-NETWORK")]
    [KnownBad(Defect.AcceptsCookiePrefix)]
    public sealed class HostNetworkReachesThePort : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            context.RequireProtocol();
            await using var container = await WorkspaceContainer.StartAsync(id, target, ContainerUser.Owner, ContainerNetworking.Host, cancellationToken);
            var cookie = (await OwnerReadsTheCookieAsync(id, container, cancellationToken)).Cookie!;
            var accepted = await ReplProtocol.TryAuthenticateAsync(container.HostPort, ReplProtocol.AuthFrame(cookie), cancellationToken);
            if (!accepted.Accepted)
            {
                return new CheckResult.Violation($"the documented caveat does not hold as described: with --network host, a host process at 127.0.0.1:{container.HostPort} could not authenticate even with the right cookie ({accepted.Describe()}).");
            }

            foreach (var (what, wrong) in WrongCookies(cookie))
            {
                var attempt = await ReplProtocol.TryAuthenticateAsync(container.HostPort, ReplProtocol.AuthFrame(wrong), cancellationToken);
                if (attempt.Accepted)
                {
                    return new CheckResult.Violation($"with --network host the cookie is the only gate, and it failed: a host process authenticated at 127.0.0.1:{container.HostPort} with {what}.");
                }
            }

            return new CheckResult.Pass($"with --network host a host process reached the workspace at 127.0.0.1:{container.HostPort} and the right cookie authenticated (sha256:{CookieForms.FingerprintOf(cookie)}); a random cookie of the same length and the cookie's first half were both refused. The cookie is the only boundary left.");
        }
    }

    /// <summary>CT-NONROOT: with the workspace running as uid 1000, uid 1001 in the same container cannot read the cookie.</summary>
    [Requirement("CT-NONROOT")]
    [KnownBad(Defect.CookieUnderUmask)]
    public sealed class OtherUserCannotReadTheCookie : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            await using var container = await WorkspaceContainer.StartAsync(id, target, ContainerUser.Owner, ContainerNetworking.PublishedOnBridge, cancellationToken);
            var owner = await OwnerReadsTheCookieAsync(id, container, cancellationToken);

            var mode = await container.CookieModeAsync(cancellationToken);
            var other = await container.ReadCookieAsync(ContainerUser.Other, cancellationToken);
            if (other.Succeeded)
            {
                return new CheckResult.Violation($"{ContainerUser.Other} in the same container read the cookie of the workspace running as {ContainerUser.Owner} at {container.CookiePath} (mode and owner {mode}; sha256:{CookieForms.FingerprintOf(other.Cookie!)}).");
            }

            if (!other.Error!.Contains("Permission denied", StringComparison.OrdinalIgnoreCase))
            {
                return new CheckResult.Inconclusive($"{ContainerUser.Other} failed to read the cookie for another reason than permissions: {other.Error}.");
            }

            return new CheckResult.Pass($"workspace as {ContainerUser.Owner}: {owner.Describe()}; {ContainerUser.Other} in the same container got '{other.Error}' (cookie mode and owner {mode}).");
        }
    }

    /// <summary>The control of the cookie checks: the workspace's own user reads its cookie in a second process, else nothing proves anything.</summary>
    private static async Task<CookieRead> OwnerReadsTheCookieAsync(string id, WorkspaceContainer container, CancellationToken cancellationToken)
    {
        var owner = await container.ReadCookieAsync(ContainerUser.Owner, cancellationToken);
        return owner.Succeeded
            ? owner
            : throw CheckEnd.Inconclusive($"the workspace's own user could not read its cookie at {container.CookiePath} ({owner.Error}), so no refusal or acceptance proves anything.");
    }

    private static IEnumerable<(string What, string Cookie)> WrongCookies(string cookie)
    {
        var random = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(cookie.Length))[..cookie.Length];
        yield return ("a random cookie of the same length", random);
        yield return ("the cookie's first half", cookie[..(cookie.Length / 2)]);
    }
}
