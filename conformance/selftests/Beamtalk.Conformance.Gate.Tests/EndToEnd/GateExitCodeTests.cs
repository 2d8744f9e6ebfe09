using System.Text.Json;
using Beamtalk.Conformance.Gate.Tests.EndToEnd;

[assembly: AssemblyFixture(typeof(GateScenarios))]

namespace Beamtalk.Conformance.Gate.Tests.EndToEnd;

/// <summary>The exit-code contract and waivers, observed on the built kit as CI runs it.</summary>
public sealed class GateExitCodeTests(GateScenarios scenarios)
{
    [Fact]
    public void The_reference_passes_with_exit_0_and_writes_all_five_reports()
    {
        Assert.True(scenarios.Reference.Run.ExitCode == 0, scenarios.Reference.ToString());
        foreach (var report in Reports.ReportSet.FileNames)
        {
            Assert.True(File.Exists(scenarios.Reference.File(report)), $"{report} missing: {scenarios.Reference}");
        }

        Assert.Contains("Gate: PASS", scenarios.Reference.Run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_bad_target_fails_the_gate_with_exit_1_naming_the_requirement()
    {
        Assert.True(scenarios.Failing.Run.ExitCode == 1, scenarios.Failing.ToString());
        Assert.Contains($"Gate: FAIL ({GateScenarios.Requirement} (MUST): Fail)", scenarios.Failing.Run.Stdout, StringComparison.Ordinal);
        Assert.Equal("fail", Verdict(scenarios.Failing));
    }

    [Fact]
    public void A_waiver_in_force_turns_the_failure_into_an_accepted_risk_and_exit_0()
    {
        Assert.True(scenarios.Waived.Run.ExitCode == 0, scenarios.Waived.ToString());
        Assert.Equal("accepted-risk", Verdict(scenarios.Waived));
        Assert.Contains("Accepted risk", scenarios.Waived.Run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_waiver_has_no_effect_and_says_so()
    {
        Assert.True(scenarios.Expired.Run.ExitCode == 1, scenarios.Expired.ToString());
        Assert.Equal("fail", Verdict(scenarios.Expired));
        Assert.Contains($"Waiver for {GateScenarios.Requirement}: expired.", scenarios.Expired.Run.Stdout, StringComparison.Ordinal);
        using var results = JsonDocument.Parse(scenarios.Expired.Read("results.json"));
        Assert.Equal("expired", results.RootElement.GetProperty("waivers")[0].GetProperty("state").GetString());
    }

    [Fact]
    public void A_new_failure_against_the_baseline_is_a_regression()
    {
        Assert.True(scenarios.Regressed.Run.ExitCode == 1, scenarios.Regressed.ToString());
        Assert.Contains($"{GateScenarios.Requirement}: regression against the baseline (Pass → Fail)", scenarios.Regressed.Run.Stdout, StringComparison.Ordinal);
        using var results = JsonDocument.Parse(scenarios.Regressed.Read("results.json"));
        var entry = results.RootElement.GetProperty("baseline").GetProperty("entries")[0];
        Assert.Equal(("pass", "fail", "regression"), (entry.GetProperty("before").GetString(), entry.GetProperty("after").GetString(), entry.GetProperty("change").GetString()));
    }

    [Fact]
    public void Only_the_selected_requirement_is_reported()
    {
        using var results = JsonDocument.Parse(scenarios.Failing.Read("results.json"));
        var ids = results.RootElement.GetProperty("requirements").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal([GateScenarios.Requirement], ids);
        Assert.Equal($"--only {GateScenarios.Requirement} --level all", results.RootElement.GetProperty("run").GetProperty("selection").GetString());
    }

    private static string? Verdict(Scenario scenario)
    {
        using var results = JsonDocument.Parse(scenario.Read("results.json"));
        return results.RootElement.GetProperty("requirements")[0].GetProperty("verdict").GetString();
    }
}
