using Beamtalk.Conformance.Checks;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Results;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Suite;

/// <summary>
/// Runs a check against the target under test and reports in xUnit's terms: pass with the evidence
/// as output; fail with a <see cref="RequirementViolationException"/> (the runner's only Fail); skip
/// marked Missing or Inconclusive; anything else is the kit unable to judge. Every message is
/// scrubbed of every cookie the kit has read, whatever path it took.
/// </summary>
public abstract class RequirementTest
{
    protected static async Task VerifyAsync(Func<Target, CancellationToken, Task<Evidence>> check)
    {
        Evidence evidence;
        using var artifacts = CheckArtifacts.Record();
        try
        {
            evidence = await check(TargetUnderTest.Current, TestContext.Current.CancellationToken);
        }
        catch (RequirementViolationException e)
        {
            throw new RequirementViolationException(e.RequirementId, CookieRegistry.Redact(e.Detail));
        }
        catch (CheckNotApplicableException e)
        {
            Assert.Skip(CookieRegistry.Redact($"{VerdictGrader.MissingPrefix} {e.Message}"));
            return;
        }
        catch (CheckInconclusiveException e)
        {
            Assert.Skip(CookieRegistry.Redact($"{VerdictGrader.InconclusivePrefix} {e.Message}"));
            return;
        }
        catch (Exception e) when (e is not (OperationCanceledException or Xunit.Sdk.SkipException))
        {
            throw new CheckErrorException(CookieRegistry.Redact($"{e.GetType().Name}: {e.Message}"));
        }
        finally
        {
            // Whatever the verdict, the files the check saved (screenshots) go with its result, by path relative to the run's output.
            foreach (var path in artifacts.Saved)
            {
                TestContext.Current.AddAttachment(path, path);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(CookieRegistry.Redact(evidence.ToString()));
    }
}
