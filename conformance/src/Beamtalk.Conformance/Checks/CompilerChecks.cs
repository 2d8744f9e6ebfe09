using System.Text;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// ISO-COMPILER: compiler bombs sent over the wire end in error replies, nothing else notices, and the
/// compiling is done by a process other than the one serving the sessions: a bomb that a guard in the
/// server happens to stop today is a crash of the server tomorrow.
/// </summary>
public static class CompilerChecks
{
    private const string Id = "ISO-COMPILER";

    /// <summary>Below this the bombs cost too little CPU to tell where they were compiled.</summary>
    private const double AttributableSeconds = 0.3;

    /// <summary>
    /// An out-of-process compiler does nearly all of the bombs' work; the server's share is reading frames. A
    /// compiler inside the server leaves the rest of the family idle, near 0 %, so a tenth is a wide margin.
    /// </summary>
    private const double LeastShareOutOfProcess = 0.1;

    /// <summary>The bombs of ADR 0058 2a. <c>MustFail</c>: no sensible compiler accepts it (a huge flat source may legitimately run).</summary>
    private static IEnumerable<(string Name, Func<string> Source, bool MustFail)> Bombs() =>
    [
        ("100,000-deep parentheses", () => new string('(', 100_000) + "1" + new string(')', 100_000), true),
        ("100,000-deep blocks", () => new string('[', 100_000) + new string(']', 100_000), true),
        ("100,000-deep literal arrays", () => "#" + new string('(', 100_000) + new string(')', 100_000), true),
        ("a 50 MB source (12.5 million subtractions)", () => ChainedSends("1", " - ", 50_000_000), false),
        ("a keyword message with a million parts", () => "nil" + ChainedSends(string.Empty, " k: 1", 7_000_000), false),
    ];

    /// <summary>Each bomb on one session while a second session evaluates; then both sessions must still answer.</summary>
    [Requirement(Id)]
    [KnownBad(Defect.CompilesInProcess)]
    [KnownBad(Defect.CompilesInProcessWithGuards)]
    public sealed class CompilerBombsEndInErrors : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            if (!target.SpeaksProtocol)
            {
                return new CheckResult.Missing("the target speaks no protocol, so no source can be sent to its compiler.");
            }

            await using var instance = await context.StartInstanceAsync(cancellationToken);
            var bound = target.Description.ResourceLimit;
            var outcomes = new List<ProbeOutcome>();
            var hostile = await ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), cancellationToken);
            try
            {
                await using var bystander = await ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), cancellationToken);
                if (await LimitProbe.FailsControlAsync(bystander, cancellationToken) is { } control)
                {
                    return new CheckResult.Inconclusive($"before any bomb, {control}; the check cannot tell a bomb's damage from that.");
                }

                var processesBefore = instance.Processes().Count;
                var processesSeen = processesBefore;
                var server = SocketTable.ListenersOf(instance.Processes()).FirstOrDefault(l => l.Endpoint?.Port == instance.Port)?.Pid;
                if (server is null)
                {
                    return new CheckResult.Inconclusive($"no process of the workspace holds its port {instance.Port}, so the compiling cannot be told apart from the serving.");
                }

                await using var cpu = new CpuSampler(instance.Processes, TimeSpan.FromMilliseconds(100));
                foreach (var (name, source, mustFail) in Bombs())
                {
                    var (outcome, bystanderFailure) = await LimitProbe.SendAsync(name, source(), hostile, bystander, bound, cancellationToken);
                    processesSeen = Math.Max(processesSeen, instance.Processes().Count);
                    outcomes.Add(outcome);
                    if (bystanderFailure is not null)
                    {
                        return new CheckResult.Violation($"while {name} was being compiled in one session, another session failed: {bystanderFailure}. ({outcome})");
                    }

                    // A refusal of the frame itself (1009) is a bounded answer too; the session is then gone, so reconnect.
                    var refusedFrame = outcome.Ending.Contains("1009", StringComparison.Ordinal);
                    if (!outcome.Answered && !refusedFrame)
                    {
                        return new CheckResult.Violation($"{outcome}: no error reply.");
                    }

                    if (mustFail && outcome.Answered && !outcome.IsError)
                    {
                        return new CheckResult.Violation($"{outcome}: the bomb was accepted instead of ending in an error.");
                    }

                    if (refusedFrame)
                    {
                        await hostile.DisposeAsync();
                        hostile = await ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), cancellationToken);
                    }

                    if (await LimitProbe.FailsControlAsync(hostile, cancellationToken) is { } after)
                    {
                        return new CheckResult.Violation($"after {name}, the same session no longer works: {after}. ({outcome})");
                    }
                }

                var used = cpu.Used();
                var inServer = used.GetValueOrDefault(server.Value);
                var elsewhere = used.Where(p => p.Key != server.Value).Sum(p => p.Value);
                var where = $"CPU during the bombs: {inServer:0.00} s in the serving process (pid {server}), {elsewhere:0.00} s in {used.Count - 1} other process(es) of the workspace";
                if (inServer + elsewhere < AttributableSeconds)
                {
                    return new CheckResult.Inconclusive($"every bomb ended in an error, but they cost {inServer + elsewhere:0.00} s of CPU in all, too little to tell which process compiled them ({where}).");
                }

                if (elsewhere < LeastShareOutOfProcess * (inServer + elsewhere))
                {
                    return new CheckResult.Violation($"the bombs were compiled by the process that serves the sessions: {where}. Each bomb ended in an error, but only because a guard inside the server stopped it; a compiler in its own process is what keeps a bomb that gets past the guard from taking every session down.");
                }

                return new CheckResult.Pass($"{string.Join("; ", outcomes)}. Another session answered '{LimitProbe.Control}' = 3 during every bomb, and the bombed session answered it after each. "
                    + $"{where}. Process tree: {processesBefore} process(es) before the first compile, up to {processesSeen} with sessions open.");
            }
            finally
            {
                await hostile.DisposeAsync();
            }
        }
    }

    private static string ChainedSends(string first, string part, int approximateLength)
    {
        var builder = new StringBuilder(approximateLength + part.Length);
        builder.Append(first);
        while (builder.Length < approximateLength)
        {
            builder.Append(part);
        }

        return builder.ToString();
    }
}
