using Beamtalk.Conformance.Checks;
using Beamtalk.Conformance.Core;

namespace Beamtalk.Conformance.Suite;

/// <summary>
/// Every check of the registry as one test, tagged with its requirement (the runner selects and grades by that
/// trait). The check's result goes into the test's output as data (<see cref="CheckResultLine"/>), which is what
/// the runner reads; xUnit's pass, fail and skip only mirror it for whoever runs the suite by hand.
/// </summary>
public abstract class RequirementChecks
{
    public const string TraitName = "requirement";

    /// <summary>Test classes run in parallel with each other, never within one: the checks are dealt over a few classes.</summary>
    private const int Shards = 4;

    protected static TheoryData<string> Shard(int shard) =>
        Rows(CheckRegistry.All.Where(c => !c.RunsAlone).Where((_, index) => index % Shards == shard));

    protected static TheoryData<string> Alone() => Rows(CheckRegistry.All.Where(c => c.RunsAlone));

    private static TheoryData<string> Rows(IEnumerable<RegisteredCheck> checks)
    {
        var rows = new TheoryData<string>();
        foreach (var check in checks)
        {
            rows.Add(new TheoryDataRow<string>(check.Name)
            {
                TestDisplayName = $"{check.Title} ",
            }.WithTrait(TraitName, check.Requirement.Id));
        }

        return rows;
    }

    protected static async Task VerifyAsync(string name)
    {
        var check = CheckRegistry.Get(name);
        var context = new CheckContext(check.Requirement, SuiteRun.Target, SuiteRun.Settings);
        var result = await CheckExecutor.RunAsync(check, context, TestContext.Current.CancellationToken);

        // Whatever the result, the files the check saved (screenshots) go with it, by path relative to the run's output.
        foreach (var path in context.Artifacts.Saved)
        {
            TestContext.Current.AddAttachment(path, path);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(CheckResultLine.Format(check.Requirement.Id, check.Name, result));
        var text = $"{check.Requirement.Id}: {result.Text}";
        switch (result)
        {
            case CheckResult.Pass or CheckResult.Caveat:
                TestContext.Current.TestOutputHelper?.WriteLine(text);
                break;
            case CheckResult.Violation:
                Assert.Fail(text);
                break;
            case CheckResult.Missing { PrerequisiteAbsent: true }:
                // Said the way every test that needs root says it, so that 'make test' counts it among them.
                Assert.Skip($"{Prerequisite.SkipReason}{result.Kind}: {text}");
                break;
            case CheckResult.Missing or CheckResult.Inconclusive:
                Assert.Skip($"{result.Kind}: {text}");
                break;
            default:
                throw new InvalidOperationException($"{result.Kind}: {text}");
        }
    }
}

public sealed class ChecksA : RequirementChecks
{
    public static TheoryData<string> Checks => Shard(0);

    [Theory, MemberData(nameof(Checks))]
    public Task Check(string check) => VerifyAsync(check);
}

public sealed class ChecksB : RequirementChecks
{
    public static TheoryData<string> Checks => Shard(1);

    [Theory, MemberData(nameof(Checks))]
    public Task Check(string check) => VerifyAsync(check);
}

public sealed class ChecksC : RequirementChecks
{
    public static TheoryData<string> Checks => Shard(2);

    [Theory, MemberData(nameof(Checks))]
    public Task Check(string check) => VerifyAsync(check);
}

public sealed class ChecksD : RequirementChecks
{
    public static TheoryData<string> Checks => Shard(3);

    [Theory, MemberData(nameof(Checks))]
    public Task Check(string check) => VerifyAsync(check);
}

/// <summary>Checks that measure time: alone, after every other test, so the suite's own load does not blur microsecond differences.</summary>
[CollectionDefinition(nameof(MeasuringCollection), DisableParallelization = true)]
public sealed class MeasuringCollection;

[Collection(nameof(MeasuringCollection))]
public sealed class MeasuringChecks : RequirementChecks
{
    public static TheoryData<string> Checks => Alone();

    [Theory, MemberData(nameof(Checks))]
    public Task Check(string check) => VerifyAsync(check);
}
