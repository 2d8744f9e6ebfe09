using System.Net;

namespace Beamtalk.Conformance.KnownBad;

/// <summary>
/// <c>known-bad-workspace DIR DEFECTS [--bind ADDR] [--confirm-network] [--preauth-timeout SECONDS] [--no-subprocess] [--trust-ca FILE] [--port PORT]</c>,
/// where DEFECTS is <c>none</c> or a comma-separated list of <see cref="Defect"/> names.
/// </summary>
internal sealed record FixtureOptions(string Directory, IReadOnlySet<Defect> Defects, IPAddress? Bind, bool ConfirmNetwork, TimeSpan PreAuthTimeout, bool NoSubprocess = false, string? TrustCa = null, int? Port = null)
{
    public string CookiePath => Path.Combine(Directory, "cookie");

    public string LogPath => Path.Combine(Directory, "fixture.log");

    public bool Has(Defect defect) => Defects.Contains(defect);

    public static FixtureOptions? Parse(string[] args)
    {
        if (args.Length < 2)
        {
            return null;
        }

        var defects = new HashSet<Defect>();
        if (args[1] != "none")
        {
            foreach (var name in args[1].Split(','))
            {
                if (!Enum.TryParse<Defect>(name, out var defect))
                {
                    return null;
                }

                defects.Add(defect);
            }
        }

        IPAddress? bind = null;
        var confirm = false;
        var noSubprocess = false;
        string? trustCa = null;
        int? port = null;
        var timeout = TimeSpan.FromSeconds(10);
        for (var i = 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--bind" when i + 1 < args.Length && IPAddress.TryParse(args[i + 1], out var address):
                    bind = address;
                    i++;
                    break;
                case "--confirm-network":
                    confirm = true;
                    break;
                case "--no-subprocess":
                    noSubprocess = true;
                    break;
                case "--trust-ca" when i + 1 < args.Length:
                    trustCa = args[i + 1];
                    i++;
                    break;
                case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], out var fixedPort) && fixedPort is > 0 and < 65536:
                    port = fixedPort;
                    i++;
                    break;
                case "--preauth-timeout" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var seconds):
                    timeout = TimeSpan.FromSeconds(seconds);
                    i++;
                    break;
                default:
                    return null;
            }
        }

        return new FixtureOptions(args[0], defects, bind, confirm, timeout, noSubprocess, trustCa, port);
    }

    public static string Usage =>
        $"usage: known-bad-workspace DIR (none|{string.Join('|', Enum.GetNames<Defect>())}[,...]) [--bind ADDR] [--confirm-network] [--preauth-timeout SECONDS] [--no-subprocess] [--trust-ca FILE] [--port PORT]";
}
