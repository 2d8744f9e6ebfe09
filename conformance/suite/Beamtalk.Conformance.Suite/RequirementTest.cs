using Beamtalk.Conformance.Checks;
using Beamtalk.Conformance.Results;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Suite;

/// <summary>
/// Runs a check against the target under test and reports in xUnit's terms: pass with the
/// evidence as output, fail with the requirement ID first, or skip marked Missing/Inconclusive.
/// </summary>
public abstract class RequirementTest
{
    protected static async Task VerifyAsync(Func<Target, CancellationToken, Task<Evidence>> check)
    {
        Evidence evidence;
        try
        {
            evidence = await check(TargetUnderTest.Current, TestContext.Current.CancellationToken);
        }
        catch (CheckNotApplicableException e)
        {
            Assert.Skip($"{VerdictGrader.MissingPrefix} {e.Message}");
            return;
        }
        catch (CheckInconclusiveException e)
        {
            Assert.Skip($"{VerdictGrader.InconclusivePrefix} {e.Message}");
            return;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(evidence.ToString());
    }
}
