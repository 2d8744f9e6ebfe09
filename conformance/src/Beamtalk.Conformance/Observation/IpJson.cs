using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Beamtalk.Conformance.Observation;

/// <summary>
/// What iproute2's JSON output (<c>ip -j</c>) says about addresses, routes and links. Reading its JSON rather than
/// its prose keeps working when a version words a line differently or adds a field.
/// </summary>
public static class IpJson
{
    /// <summary>An IPv4 prefix: the network as a number, and its length.</summary>
    public readonly record struct Prefix(uint Network, int Length)
    {
        public static Prefix? Parse(string text)
        {
            var parts = text.Split('/');
            if (!IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != AddressFamily.InterNetwork)
            {
                return null;
            }

            var length = 32;
            if (parts.Length > 1 && !(int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out length) && length <= 32))
            {
                return null;
            }

            var bytes = address.GetAddressBytes();
            return new Prefix((uint)((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]), length);
        }

        public bool Overlaps(Prefix other)
        {
            var length = Math.Min(Length, other.Length);
            var mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
            return (Network & mask) == (other.Network & mask);
        }
    }

    /// <summary>Each interface's IPv4 prefixes, from <c>ip -j -4 addr show</c>.</summary>
    public static IReadOnlyList<(string Interface, Prefix Prefix)> Addresses(string json)
    {
        var result = new List<(string, Prefix)>();
        using var document = JsonDocument.Parse(json);
        foreach (var link in document.RootElement.EnumerateArray())
        {
            var name = link.TryGetProperty("ifname", out var ifname) ? ifname.GetString() ?? string.Empty : string.Empty;
            if (!link.TryGetProperty("addr_info", out var addresses))
            {
                continue;
            }

            foreach (var address in addresses.EnumerateArray())
            {
                if (address.TryGetProperty("local", out var local) && address.TryGetProperty("prefixlen", out var length)
                    && Prefix.Parse($"{local.GetString()}/{length.GetInt32()}") is { } prefix)
                {
                    result.Add((name, prefix));
                }
            }
        }

        return result;
    }

    /// <summary>The destinations of <c>ip -j -4 route show table all</c>, default routes aside; a bare address is a /32.</summary>
    public static IReadOnlyList<Prefix> RouteDestinations(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray()
            .Select(route => route.TryGetProperty("dst", out var dst) ? dst.GetString() : null)
            .Where(dst => dst is not null and not "default")
            .Select(dst => Prefix.Parse(dst!))
            .OfType<Prefix>()];
    }

    /// <summary>The operational state of the one link in <c>ip -j link show dev NAME</c> ("UP", "DOWN", "UNKNOWN"...), or null.</summary>
    public static string? OperationalState(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(link => link.TryGetProperty("operstate", out var state) ? state.GetString() : null).FirstOrDefault();
    }
}
