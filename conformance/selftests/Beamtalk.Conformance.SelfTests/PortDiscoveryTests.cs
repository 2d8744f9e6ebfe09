using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>
/// A target without layout.portFile: the kit finds the REPL port among the listening TCP sockets of the workspace's
/// processes. The fixture writes a port file anyway, which the kit is not told about: it is the answer to compare with.
/// </summary>
public sealed class PortDiscoveryTests
{
    private static Target WithoutPortFile(Target target) =>
        new(target.Description with { Layout = target.Description.Layout with { PortFile = null } });

    [Theory]
    [InlineData(new Defect[0])]
    // A UDP socket on all interfaces next to the REPL is no candidate: only TCP listeners are.
    [InlineData(new[] { Defect.OpensUdpOnAllInterfaces })]
    public async Task The_port_is_the_one_tcp_port_the_workspace_listens_on(Defect[] defects)
    {
        var target = WithoutPortFile(KnownBadTarget.With(defects));
        await using var instance = target.NewInstance();

        await instance.StartAsync(TestContext.Current.CancellationToken);

        // The fixture renames its port file into place after it listens: the kit may find the socket first.
        var portFile = Path.Combine(instance.WorkspaceDirectory, "port");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(portFile) && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var written = int.Parse(File.ReadAllText(portFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(written, instance.Port);
        await using var session = await Wire.ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), TestContext.Current.CancellationToken);
    }
}
