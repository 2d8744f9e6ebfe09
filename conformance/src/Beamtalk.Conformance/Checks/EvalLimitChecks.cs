using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Checks;

/// <summary>ISO-EVAL-LIMITS: runaway evaluations end in an error reply, and the workspace carries on.</summary>
public static class EvalLimitChecks
{
    private const string Id = "ISO-EVAL-LIMITS";

    private static readonly (string Name, string Code)[] Runaways =
    [
        ("an endless loop", "[true] whileTrue: []"),
        ("an endless loop of sends", "n := 0. [true] whileTrue: [n := n + 1]"),
        ("a string doubling without end", "s := \"0123456789abcdef\". [true] whileTrue: [s := s ++ s]"),
        ("an integer squaring without end", "n := 3. [true] whileTrue: [n := n * n]"),
    ];

    [Requirement(Id)]
    [KnownBad(Defect.NoEvalLimit)]
    public sealed class RunawayEvalsAreStopped : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            if (!target.SpeaksProtocol)
            {
                return new CheckResult.Missing("the target speaks no protocol, so no eval can be sent.");
            }

            await using var instance = await context.StartInstanceAsync(cancellationToken);
            var bound = target.Description.ResourceLimit;
            await using var runaway = await ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), cancellationToken);
            await using var bystander = await ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), cancellationToken);
            if (await LimitProbe.FailsControlAsync(bystander, cancellationToken) is { } control)
            {
                return new CheckResult.Inconclusive($"before any runaway eval, {control}.");
            }

            var outcomes = new List<ProbeOutcome>();
            foreach (var (name, code) in Runaways)
            {
                var (outcome, bystanderFailure) = await LimitProbe.SendAsync(name, code, runaway, bystander, bound, cancellationToken);
                outcomes.Add(outcome);
                if (!outcome.Answered || !outcome.IsError)
                {
                    return new CheckResult.Violation($"{outcome}: a runaway eval must end in an error reply within {bound.TotalSeconds:0} s.");
                }

                if (bystanderFailure is not null)
                {
                    return new CheckResult.Violation($"while {name} ran in one session, another session failed: {bystanderFailure}.");
                }

                if (await LimitProbe.FailsControlAsync(runaway, cancellationToken) is { } after)
                {
                    return new CheckResult.Violation($"after {name} was stopped, its session no longer works: {after}.");
                }
            }

            return new CheckResult.Pass($"{string.Join("; ", outcomes)}. Another session answered '{LimitProbe.Control}' = 3 meanwhile, and the stopped session afterwards.");
        }
    }
}
