using Beamtalk.Conformance.Observation;

namespace Beamtalk.Conformance.SelfTests.Unit;

/// <summary>iproute2's JSON, as `ip -j` prints it on Debian 12, read into prefixes and link states.</summary>
public sealed class IpJsonTests
{
    private const string Addresses = """
        [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"operstate":"UNKNOWN","addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host","label":"lo"}]},
         {"ifindex":4,"ifname":"eth0","operstate":"UP","addr_info":[{"family":"inet","local":"192.0.2.2","prefixlen":24,"broadcast":"192.0.2.255","scope":"global","label":"eth0"}]},
         {"ifindex":5,"ifname":"docker0","operstate":"DOWN","addr_info":[]}]
        """;

    private const string Routes = """
        [{"dst":"default","gateway":"192.0.2.1","dev":"eth0","flags":[]},
         {"dst":"172.17.0.0/16","dev":"docker0","protocol":"kernel","scope":"link","prefsrc":"172.17.0.1","flags":["linkdown"]},
         {"type":"local","dst":"10.1.2.3","table":"local","dev":"eth0","flags":[]}]
        """;

    [Fact]
    public void Addresses_are_read_per_interface_with_their_prefix_length()
    {
        var addresses = IpJson.Addresses(Addresses);

        Assert.Equal(["lo", "eth0"], addresses.Select(a => a.Interface));
        Assert.Equal(IpJson.Prefix.Parse("127.0.0.1/8"), addresses[0].Prefix);
        Assert.Equal(IpJson.Prefix.Parse("192.0.2.2/24"), addresses[1].Prefix);
    }

    [Fact]
    public void Routes_skip_the_default_and_read_a_bare_address_as_a_host_route()
    {
        var routes = IpJson.RouteDestinations(Routes);

        Assert.Equal([IpJson.Prefix.Parse("172.17.0.0/16")!.Value, IpJson.Prefix.Parse("10.1.2.3/32")!.Value], routes);
    }

    [Theory]
    [InlineData("10.254.1.0/30", "10.254.1.2/32", true)]
    [InlineData("10.254.1.0/30", "10.254.1.4/30", false)]
    [InlineData("10.0.0.0/8", "10.254.1.4/30", true)]
    [InlineData("0.0.0.0/0", "192.0.2.1/32", true)]
    public void Prefixes_overlap_when_they_share_the_shorter_ones_network(string a, string b, bool overlap) =>
        Assert.Equal(overlap, IpJson.Prefix.Parse(a)!.Value.Overlaps(IpJson.Prefix.Parse(b)!.Value));

    [Theory]
    [InlineData("fe80::1/64")]
    [InlineData("10.0.0.1/33")]
    [InlineData("not an address")]
    public void Anything_but_an_ipv4_prefix_is_not_one(string text) => Assert.Null(IpJson.Prefix.Parse(text));

    [Fact]
    public void The_operational_state_is_read_from_the_link()
    {
        Assert.Equal("UP", IpJson.OperationalState("""[{"ifindex":7,"ifname":"btc0","operstate":"UP"}]"""));
        Assert.Null(IpJson.OperationalState("[]"));
    }
}
