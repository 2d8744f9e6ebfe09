using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Gate;

/// <summary>
/// Applies waivers to graded results by the runner's clock. Only a failure can be waived (Fail, or
/// Non-strict for a SHOULD); it becomes Accepted risk and stops counting against the gate. Missing and
/// Inconclusive are not failures, so a waiver cannot turn them into anything: they are never a pass.
/// </summary>
public static class Waivers
{
    public static (IReadOnlyList<RequirementResult> Results, IReadOnlyList<WaiverOutcome> Outcomes) Apply(
        IReadOnlyList<RequirementResult> results,
        IReadOnlyList<Waiver> waivers,
        DateOnly today)
    {
        var outcomes = new List<WaiverOutcome>();
        var applied = results.ToList();
        foreach (var waiver in waivers)
        {
            var index = applied.FindIndex(r => r.Id == waiver.Id);
            if (index < 0)
            {
                outcomes.Add(Outcome(waiver, WaiverState.NotSelected, "The requirement was not selected in this run."));
                continue;
            }

            var result = applied[index];
            if (result.Verdict is not (Verdict.Fail or Verdict.NonStrict))
            {
                outcomes.Add(Outcome(waiver, WaiverState.Stale, $"The requirement did not fail (verdict: {VerdictText.Display(result.Verdict)}); remove the waiver."));
                continue;
            }

            if (!waiver.IsInForceOn(today))
            {
                outcomes.Add(Outcome(waiver, WaiverState.Expired, $"Expired on {waiver.Expires:yyyy-MM-dd} (today is {today:yyyy-MM-dd}, UTC); the failure counts."));
                continue;
            }

            var reference = new WaiverReference(waiver.Justification, waiver.Expires, waiver.Owner, waiver.Ticket, VerdictText.Display(result.Verdict));
            applied[index] = result with { Verdict = Verdict.AcceptedRisk, Waiver = reference };
            outcomes.Add(Outcome(waiver, WaiverState.Applied, $"Waived until {waiver.Expires:yyyy-MM-dd}: {VerdictText.Display(result.Verdict)} reported as Accepted risk."));
        }

        return (applied, outcomes);
    }

    private static WaiverOutcome Outcome(Waiver waiver, WaiverState state, string note) =>
        new(waiver.Id, waiver.Justification, waiver.Expires, waiver.Owner, waiver.Ticket, state, note);
}
