using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Beamtalk.Conformance.Observation;

namespace Beamtalk.Conformance.SelfTests.Unit;

/// <summary>
/// SocketTable.ParseAddress is internal and the kit grants no InternalsVisibleTo, so these tests reach it
/// through ListenersOf: they open sockets in this process, check the address text the kernel prints for them
/// in /proc/self/net/*, and check that ListenersOf reads that text back as the bound address.
/// </summary>
public sealed class SocketTableTests
{
    private static Socket ListenOn(string address, SocketType type = SocketType.Stream)
    {
        var ip = IPAddress.Parse(address);
        var socket = new Socket(ip.AddressFamily, type, type == SocketType.Stream ? ProtocolType.Tcp : ProtocolType.Udp);
        if (ip.IsIPv4MappedToIPv6)
        {
            socket.DualMode = true;
        }

        socket.Bind(new IPEndPoint(ip, 0));
        if (type == SocketType.Stream)
        {
            socket.Listen();
        }

        return socket;
    }

    private static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    /// <summary>The local address field the kernel prints for the listening (TCP) or unconnected (UDP) socket on this port.</summary>
    private static string KernelAddressText(string table, int port)
    {
        var suffix = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        var local = File.ReadAllLines($"/proc/self/net/{table}").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields[3] is "0A" or "07")
            .Select(fields => fields[1])
            .Single(address => address.EndsWith(suffix, StringComparison.Ordinal));
        return local[..^suffix.Length];
    }

    private static Listener OwnListenerOn(SocketKind kind, int port) =>
        Assert.Single(SocketTable.ListenersOf([Environment.ProcessId]), l => l.Kind == kind && l.Endpoint?.Port == port);

    [Theory]
    [InlineData("127.0.0.1", "tcp", "0100007F")]
    [InlineData("127.0.0.5", "tcp", "0500007F")]
    [InlineData("::1", "tcp6", "00000000000000000000000001000000")]
    [InlineData("::ffff:127.0.0.1", "tcp6", "0000000000000000FFFF00000100007F")]
    public void A_tcp_listener_address_is_read_from_the_kernels_host_order_words(string address, string table, string kernelText)
    {
        using var socket = ListenOn(address);
        var port = PortOf(socket);
        Assert.Equal(kernelText, KernelAddressText(table, port));

        var listener = OwnListenerOn(SocketKind.Tcp, port);

        Assert.Equal(IPAddress.Parse(address), listener.Endpoint!.Address);
        Assert.Equal(Environment.ProcessId, listener.Pid);
        Assert.True(listener.IsLoopbackOrUnix);
    }

    [Fact]
    public void A_bound_udp_socket_is_a_listener()
    {
        using var socket = ListenOn("127.0.0.1", SocketType.Dgram);

        var listener = OwnListenerOn(SocketKind.Udp, PortOf(socket));

        Assert.Equal(IPAddress.Loopback, listener.Endpoint!.Address);
    }

    [Fact]
    public void A_connected_tcp_socket_is_not_a_listener()
    {
        using var server = ListenOn("127.0.0.1");
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(server.LocalEndPoint!);
        using var accepted = server.Accept();
        var clientPort = PortOf(client);

        var listeners = SocketTable.ListenersOf([Environment.ProcessId]);

        Assert.DoesNotContain(listeners, l => l.Endpoint?.Port == clientPort);
        Assert.Single(listeners, l => l.Kind == SocketKind.Tcp && l.Endpoint?.Port == PortOf(server));
    }

    [Fact]
    public void A_listening_unix_socket_is_a_listener_with_its_path()
    {
        var folder = Directory.CreateTempSubdirectory("socket-table-test-");
        try
        {
            var path = Path.Combine(folder.FullName, "daemon.sock");
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(path));
            socket.Listen();

            var listener = Assert.Single(SocketTable.ListenersOf([Environment.ProcessId]), l => l.UnixPath == path);

            Assert.Equal(SocketKind.Unix, listener.Kind);
            Assert.True(listener.IsLoopbackOrUnix);
            Assert.Equal($"unix:{path} (pid {Environment.ProcessId})", listener.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_process_that_does_not_exist_has_no_listeners() =>
        Assert.Empty(SocketTable.ListenersOf([int.MaxValue]));

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.5", true)]
    [InlineData("127.255.255.254", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("::ffff:127.0.0.5", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("::ffff:0.0.0.0", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("128.0.0.1", false)]
    [InlineData("fe80::1", false)]
    public void An_ip_listener_is_loopback_only_on_127_slash_8_or_on_the_ipv6_loopback(string address, bool loopback) =>
        Assert.Equal(loopback, new Listener(SocketKind.Tcp, new IPEndPoint(IPAddress.Parse(address), 4000), null, 1).IsLoopbackOrUnix);

    [Theory]
    [InlineData("/run/user/1000/beamtalk/daemon.sock")]
    [InlineData(null)]
    public void A_unix_listener_counts_as_local(string? path) =>
        Assert.True(new Listener(SocketKind.Unix, null, path, 1).IsLoopbackOrUnix);

    [Fact]
    public void An_ip_listener_without_an_endpoint_is_not_counted_as_loopback() =>
        Assert.False(new Listener(SocketKind.Tcp, null, null, 1).IsLoopbackOrUnix);

    [Fact]
    public void A_listener_prints_its_kind_endpoint_and_pid()
    {
        Assert.Equal("tcp:0.0.0.0:4000 (pid 7)", new Listener(SocketKind.Tcp, new IPEndPoint(IPAddress.Any, 4000), null, 7).ToString());
        Assert.Equal("udp:[::1]:53 (pid 8)", new Listener(SocketKind.Udp, new IPEndPoint(IPAddress.IPv6Loopback, 53), null, 8).ToString());
        Assert.Equal("unix:(unnamed) (pid 9)", new Listener(SocketKind.Unix, null, null, 9).ToString());
    }
}
