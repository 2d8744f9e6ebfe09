using System.Globalization;
using Beamtalk.Conformance.Gate.Tests.Support;

namespace Beamtalk.Conformance.Gate.Tests.EndToEnd;

/// <summary>
/// The gate runs the end-to-end tests read, each made once: the built kit, run as a CI pipeline runs
/// it, against the known-bad workspace with one defect (a UDP socket open on every interface) and
/// against the reference, restricted to NET-ALL-LISTENERS so each suite run takes seconds. Its one
/// check reads the socket tables only, so it passes on the reference for any user: a requirement that
/// needs root (NET-LOOPBACK's other-host check) would be Missing without it, and the baseline run
/// would then have no Pass to regress from.
/// </summary>
public sealed class GateScenarios : IAsyncLifetime
{
    public const string Requirement = "NET-ALL-LISTENERS";

    /// <summary>The known-bad workspace's one defect that fails <see cref="Requirement"/>.</summary>
    public const string Defect = "OpensUdpOnAllInterfaces";
    public const string Justification = "The lab image binds 0.0.0.0 behind a host firewall until the loopback fix ships.";

    private readonly TempDirectory _directory = new("gate-e2e");

    public Scenario Failing { get; private set; } = null!;

    public Scenario Waived { get; private set; } = null!;

    public Scenario Expired { get; private set; } = null!;

    public Scenario Reference { get; private set; } = null!;

    public Scenario Regressed { get; private set; } = null!;

    public string TargetFile { get; private set; } = null!;

    public static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async ValueTask InitializeAsync()
    {
        TargetFile = FixtureTargetFile.Write(_directory, "known-bad-target.json", Defect);
        var inForce = _directory.Write("waivers.yaml", $"""
            # Accepted until the fix ships.
            waivers:
              - id: {Requirement}
                justification: "{Justification}"
                expires: {DateTime.UtcNow.AddDays(30):yyyy-MM-dd}
                owner: platform-team
                ticket: SEC-42
            """);
        var expired = _directory.Write("waivers-expired.json", $$"""
            { "waivers": [ { "id": "{{Requirement}}", "justification": "{{Justification}}", "expires": "{{DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}}" } ] }
            """);

        Reference = await RunAsync("reference", "--reference", "--only", Requirement);
        Failing = await RunAsync("failing", "--target", TargetFile, "--only", Requirement);
        Waived = await RunAsync("waived", "--target", TargetFile, "--only", Requirement, "--waivers", inForce);
        Expired = await RunAsync("expired", "--target", TargetFile, "--only", Requirement, "--waivers", expired);
        Regressed = await RunAsync("regressed", "--target", TargetFile, "--only", Requirement, "--baseline", Reference.File("results.json"));
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<Scenario> RunAsync(string name, params string[] arguments)
    {
        var output = Path.Combine(_directory.Path, name);
        return new Scenario(name, output, await KitRuns.RunAsync(output, arguments));
    }
}

/// <summary>One kit run: how it exited and where its reports are.</summary>
public sealed record Scenario(string Name, string Output, ProgramRun Run)
{
    public string File(string report) => Path.Combine(Output, report);

    public string Read(string report) => System.IO.File.ReadAllText(File(report));

    public override string ToString() => $"{Name}: {Run}";
}
