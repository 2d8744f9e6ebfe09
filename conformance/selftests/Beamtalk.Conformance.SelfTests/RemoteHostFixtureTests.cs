using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Beamtalk.Conformance.Checks;
using Beamtalk.Conformance.Observation;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>
/// NET-LOOPBACK from another host: the namespace check fails on a fixture listening on all
/// interfaces, passes on the same fixture without the defect, and leaves no namespace or veth behind.
/// </summary>
public sealed partial class RemoteHostFixtureTests
{
    [Fact]
    public async Task The_fixture_without_its_defect_is_not_reachable_from_another_host_and_both_controls_connect()
    {
        var result = await KnownBadAssert.RunAsync<NetworkChecks.NotReachableFromAnotherHost>(KnownBadTarget.Sound);
        var check = CheckRegistry.All.Single(c => c.Type == typeof(NetworkChecks.NotReachableFromAnotherHost));
        KnownBadAssert.Held(check, result);

        // Both positive controls ran and connected: the refusal was a real measurement.
        Assert.Contains("kit listener", result.Text, StringComparison.Ordinal);
        Assert.Contains("with its opt-in: ", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_namespace_reaches_a_host_listener_and_is_refused_by_a_closed_port()
    {
        NeedsRoot.SkipWithoutNetworkNamespaces();
        await using var network = await NetworkNamespace.CreateAsync(TestContext.Current.CancellationToken);
        using var listener = new TcpListener(network.HostAddress, 0);
        listener.Start();
        var open = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connected = await network.ConnectToHostAsync(open, TestContext.Current.CancellationToken);
        listener.Stop();
        var refused = await network.ConnectToHostAsync(open, TestContext.Current.CancellationToken);

        Assert.Equal(ConnectOutcome.Connected, connected.Outcome);
        Assert.Equal(ConnectOutcome.Refused, refused.Outcome);
        Assert.Equal(network.HostAddress, connected.Address);
    }

    [Fact]
    public async Task Dispose_removes_the_namespace_and_the_veth_pair()
    {
        NeedsRoot.SkipWithoutNetworkNamespaces();
        string name, hostInterface;
        IReadOnlyList<string> problems;
        await using (var network = await NetworkNamespace.CreateAsync(TestContext.Current.CancellationToken))
        {
            (name, hostInterface) = (network.Name, network.HostInterface);
            await AssertPresentAsync(name, hostInterface);
            problems = network.CleanupProblems;
        }

        await AssertGoneAsync(name, hostInterface);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Dispose_removes_the_namespace_and_the_veth_pair_when_the_body_throws()
    {
        NeedsRoot.SkipWithoutNetworkNamespaces();
        string? name = null, hostInterface = null;
        NetworkNamespace? kept = null;
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var network = await NetworkNamespace.CreateAsync(TestContext.Current.CancellationToken);
            (name, hostInterface, kept) = (network.Name, network.HostInterface, network);
            await AssertPresentAsync(name, hostInterface);
            throw new InvalidOperationException("the check failed half-way");
        });

        Assert.NotNull(name);
        await AssertGoneAsync(name, hostInterface!);
        Assert.Empty(kept!.CleanupProblems);
    }

    private static async Task AssertPresentAsync(string name, string hostInterface)
    {
        Assert.Contains(name, await NamespacesAsync());
        Assert.Contains(hostInterface, await LinksAsync());
    }

    private static async Task AssertGoneAsync(string name, string hostInterface)
    {
        Assert.DoesNotContain(name, await NamespacesAsync());
        Assert.DoesNotContain(hostInterface, await LinksAsync());
    }

    /// <summary>Namespace names, from <c>ip -j netns list</c>.</summary>
    private static async Task<IReadOnlyList<string>> NamespacesAsync() => Names(await IpAsync("-j", "netns", "list"), "name");

    /// <summary>Interface names of this host, from <c>ip -j link</c>.</summary>
    private static async Task<IReadOnlyList<string>> LinksAsync() => Names(await IpAsync("-j", "link"), "ifname");

    /// <summary>One property of every object in iproute2's JSON output; no namespaces at all may print nothing.</summary>
    private static IReadOnlyList<string> Names(string json, string property)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = System.Text.Json.JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetProperty(property).GetString()!)];
    }

    private static async Task<string> IpAsync(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("ip") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, process.ExitCode);
        return output;
    }

}
