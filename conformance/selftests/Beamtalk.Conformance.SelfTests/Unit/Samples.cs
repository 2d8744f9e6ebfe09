using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.SelfTests.Unit;

/// <summary>Small hand-made requirements, tests and results, so each unit test states only what it is about.</summary>
internal static class Samples
{
    public static Requirement Requirement(string id = "TEST-ONE", RequirementLevel level = RequirementLevel.Must, string title = "A sample requirement") =>
        new(id, level, title, "A statement.", "A source.", [Principle.P1], Stride.Spoofing, "How it is verified.");

    public static TestRecord Test(TestOutcome outcome, string? message = null, string name = "Suite.Sample_test", double seconds = 0.25) =>
        new(name, outcome, message, seconds);

    public static RequirementResult Result(string id, RequirementLevel level, Verdict verdict, string reason = "A reason.", params TestRecord[] tests) =>
        new(id, level, $"Title of {id}", verdict, reason, tests);

    public static ConformanceResults ResultsOf(params RequirementResult[] requirements) =>
        new(
            ConformanceResults.CurrentSchemaVersion,
            new TargetInfo("sample-target", "A target made up for a unit test.", "/tmp/sample-target.json"),
            new RunInfo(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero), 12.5, "1.2.3"),
            requirements);

    /// <summary>One requirement for every verdict, with the level that verdict normally comes with.</summary>
    public static ConformanceResults OneOfEachVerdict() => ResultsOf(
        Result("NET-PASS", RequirementLevel.Must, Verdict.Pass, "1 test passed.", Test(TestOutcome.Passed, name: "Net.Pass", seconds: 1.5)),
        Result("NET-SHOULD", RequirementLevel.Should, Verdict.NonStrict, "NET-SHOULD: the SHOULD does not hold.", Test(TestOutcome.Failed, "NET-SHOULD: no.", "Net.Should")),
        Result("AUTH-FAIL", RequirementLevel.Must, Verdict.Fail, "AUTH-FAIL: a wrong cookie was accepted.\nSecond line of detail.", Test(TestOutcome.Failed, "AUTH-FAIL: accepted.", "Auth.Fail", 2.25)),
        Result("ISO-CAVEAT", RequirementLevel.Caveat, Verdict.Caveat, "The documented accepted risk behaves as documented.", Test(TestOutcome.Passed, name: "Iso.Caveat")),
        Result("SECRET-UNSURE", RequirementLevel.Must, Verdict.Inconclusive, "Inconclusive: the timing was too noisy.", Test(TestOutcome.Inconclusive, "Inconclusive: the timing was too noisy.", "Secret.Unsure")),
        Result("BR-MISSING", RequirementLevel.Must, Verdict.Missing, "No test verifies this requirement yet."),
        Result("CT-WAIVED", RequirementLevel.Must, Verdict.AcceptedRisk, "Waived until 2026-01-01: containers are out of scope."));
}
