using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Core;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// Runs one check and returns its result as data, whatever happened inside: the one place where an early end, an
/// unexpected exception, the CI rule for absent prerequisites, the CAVEAT level and redaction are applied.
/// </summary>
public static class CheckExecutor
{
    public static async Task<CheckResult> RunAsync(RegisteredCheck check, CheckContext context, CancellationToken cancellationToken)
    {
        CheckResult result;
        try
        {
            result = await check.Create().RunAsync(context, cancellationToken);
        }
        catch (CheckEndedException e)
        {
            result = e.Result;
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            result = new CheckResult.Error($"{e.GetType().Name}: {e.Message}");
        }

        result = result switch
        {
            CheckResult.Missing { PrerequisiteAbsent: true } missing when context.Settings.PrerequisitesRequired =>
                new CheckResult.Error($"{missing.Text} CI=true, so this is an error, not a skip."),
            CheckResult.Pass pass when context.Requirement.Level == RequirementLevel.Caveat => new CheckResult.Caveat(pass.Text),
            _ => result,
        };
        return result with { Text = context.Redact(result.Text) };
    }
}
