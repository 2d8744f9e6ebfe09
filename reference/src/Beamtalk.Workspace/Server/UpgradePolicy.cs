using System.Globalization;
using System.Net;

namespace Beamtalk.Workspace.Server;

/// <summary>Why an upgrade request was refused before any WebSocket existed.</summary>
internal enum UpgradeRefusal
{
    None,
    ForeignHost,
    ForeignOrigin,
}

/// <summary>
/// Which HTTP upgrades may become REPL connections, decided before the WebSocket exists.
/// Host: a loopback literal or <c>localhost</c> with this port; after an explicit network opt-in,
/// any IP literal with this port. A DNS name other than localhost is refused, which is what stops
/// DNS rebinding. Origin: absent (not a browser) is allowed; otherwise only this workspace's own
/// loopback origin (http or https, this port). <c>null</c> and every other origin are refused, so a
/// page from another site, or from another local port, cannot drive the REPL.
/// </summary>
internal static class UpgradePolicy
{
    public static UpgradeRefusal Check(string host, string origin, int port, bool networkOptIn)
    {
        if (!HostAllowed(host, port, networkOptIn))
        {
            return UpgradeRefusal.ForeignHost;
        }

        return OriginAllowed(origin, port) ? UpgradeRefusal.None : UpgradeRefusal.ForeignOrigin;
    }

    private static bool HostAllowed(string host, int port, bool networkOptIn)
    {
        var separator = host.LastIndexOf(':');
        if (separator <= 0 || !int.TryParse(host.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var hostPort) || hostPort != port)
        {
            return false;
        }

        var name = host[..separator];
        if (name.StartsWith('[') && name.EndsWith(']'))
        {
            name = name[1..^1];
        }
        else if (name.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(name, out var address) && (IPAddress.IsLoopback(address) || networkOptIn);
    }

    private static bool OriginAllowed(string origin, int port)
    {
        if (origin.Length == 0)
        {
            return true;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            && uri.Port == port
            && uri.AbsolutePath == "/"
            && (uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));
    }
}
