namespace Beamtalk.Conformance.Gate.Tests.Support;

/// <summary>Runs the installed-layout kit the way a CI pipeline calls it.</summary>
internal static class KitRuns
{
    public static Task<ProgramRun> RunAsync(string output, params string[] arguments) =>
        ProgramRun.RunAsync(Repository.Kit, ["--suite", Repository.Suite, "--out", output, .. arguments]);
}
