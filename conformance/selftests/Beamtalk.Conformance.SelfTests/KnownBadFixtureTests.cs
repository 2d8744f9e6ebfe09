using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>
/// Every check of the registry, run against the known-bad workspace with each of its known-bad defects, must end in
/// a violation; the same workspace without the defect must pass, so the defect is the cause. The rows come from the
/// checks' own [KnownBad] attributes: nothing here lists a requirement.
/// </summary>
public sealed class KnownBadFixtureTests
{
    public static TheoryData<string, int> Fixtures => KnownBadRows.Fixtures(runsAlone: false);

    public static TheoryData<string> Checks => KnownBadRows.Checks(runsAlone: false);

    [Theory, MemberData(nameof(Fixtures))]
    public Task The_check_fails_on_its_known_bad_fixture(string check, int fixture) => KnownBadRows.AssertFailsAsync(check, fixture);

    [Theory, MemberData(nameof(Checks))]
    public Task The_fixture_without_its_defect_passes(string check) => KnownBadRows.AssertSoundPassesAsync(check);
}

/// <summary>The checks that measure time, on their fixtures: alone (see <see cref="TimingCollection"/>).</summary>
[Collection(nameof(TimingCollection))]
public sealed class MeasuringKnownBadFixtureTests
{
    public static TheoryData<string, int> Fixtures => KnownBadRows.Fixtures(runsAlone: true);

    public static TheoryData<string> Checks => KnownBadRows.Checks(runsAlone: true);

    [Theory, MemberData(nameof(Fixtures))]
    public Task The_check_fails_on_its_known_bad_fixture(string check, int fixture) => KnownBadRows.AssertFailsAsync(check, fixture);

    [Theory, MemberData(nameof(Checks))]
    public Task The_fixture_without_its_defect_passes(string check) => KnownBadRows.AssertSoundPassesAsync(check);
}

internal static class KnownBadRows
{
    public static TheoryData<string, int> Fixtures(bool runsAlone)
    {
        var rows = new TheoryData<string, int>();
        foreach (var check in CheckRegistry.All.Where(c => c.RunsAlone == runsAlone))
        {
            for (var i = 0; i < check.KnownBad.Count; i++)
            {
                rows.Add(new TheoryDataRow<string, int>(check.Name, i)
                {
                    TestDisplayName = $"{check.Requirement.Id}: {check.Name} fails on {string.Join(" + ", check.KnownBad[i].Defects)}",
                });
            }
        }

        return rows;
    }

    public static TheoryData<string> Checks(bool runsAlone)
    {
        var rows = new TheoryData<string>();
        // A check of an embedded Python needs a sandbox, which the sound fixture does not embed: PythonSandboxFixtureTests holds its control.
        foreach (var check in CheckRegistry.All.Where(c => c.RunsAlone == runsAlone && !c.KnownBad.SelectMany(k => k.Defects).Any(KnownBadTarget.IsPythonSandbox)))
        {
            rows.Add(new TheoryDataRow<string>(check.Name) { TestDisplayName = $"{check.Requirement.Id}: {check.Name} passes on the sound fixture" });
        }

        return rows;
    }

    public static async Task AssertFailsAsync(string name, int fixture)
    {
        var check = CheckRegistry.Get(name);
        var knownBad = check.KnownBad[fixture];
        var result = await KnownBadAssert.RunAsync(check, KnownBadTarget.With([.. knownBad.Defects]));
        KnownBadAssert.Violated(check, result, knownBad.Because);
    }

    public static async Task AssertSoundPassesAsync(string name)
    {
        var check = CheckRegistry.Get(name);
        KnownBadAssert.Held(check, await KnownBadAssert.RunAsync(check, KnownBadTarget.Sound));
    }
}
