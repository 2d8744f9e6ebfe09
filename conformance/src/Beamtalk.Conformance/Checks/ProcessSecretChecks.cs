using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// SECRET-NO-ARGV and SECRET-NO-ENV: the cookie is on no command line and in no environment of any
/// process in the workspace's tree, for its whole life. strace records every program start (argv
/// and environment) from create to stop; live processes are also read from /proc while the
/// workspace is in use, for anything that rewrites its command line after starting.
/// </summary>
public static class ProcessSecretChecks
{
    private enum Where
    {
        CommandLine,
        Environment,
    }

    [Requirement("SECRET-NO-ARGV")]
    [KnownBad(Defect.CookieInHelperArgv)]
    // A command line that keeps the cookie is caught by the live sample, before the trace is read.
    [KnownBad(Defect.CookieOnLiveHelperCommandLine, Because = "after start, the command line of pid")]
    public sealed class CookieNeverOnACommandLine : ICheck
    {
        public Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken) =>
            InspectAsync(context, Where.CommandLine, cancellationToken);
    }

    [Requirement("SECRET-NO-ENV")]
    [KnownBad(Defect.CookieInHelperEnv)]
    public sealed class CookieNeverInAnEnvironment : ICheck
    {
        public Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken) =>
            InspectAsync(context, Where.Environment, cancellationToken);
    }

    private static async Task<CheckResult> InspectAsync(CheckContext context, Where where, CancellationToken cancellationToken)
    {
        if (!SyscallTracer.IsAvailable)
        {
            throw CheckEnd.Inconclusive("strace is not installed, so program starts cannot be seen (run 'make setup' as root, or apt-get install strace).");
        }

        await using var instance = await context.StartInstanceAsync(cancellationToken, new InstanceOptions { TraceSyscalls = true });
        var forms = CookieForms.Of(instance.ReadCookie());
        var sampled = new HashSet<int>();

        void Sample(string moment)
        {
            foreach (var pid in instance.Processes())
            {
                sampled.Add(pid);
                var text = string.Join(' ', where == Where.CommandLine ? ProcessTree.CommandLineOf(pid) : ProcessTree.EnvironmentOf(pid));
                if (forms.FindIn(text) is { } form)
                {
                    throw CheckEnd.Violation($"{moment}, the {Describe(where)} of pid {pid} ({Program(pid)}) holds the cookie (sha256:{forms.Fingerprint}, {form.Name}).");
                }
            }
        }

        Sample("after start");
        if (context.Target.SpeaksProtocol)
        {
            await using var session = await ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), cancellationToken);
            await session.EvalAsync(instance.Canary(Path.Combine(instance.Home, "argv-canary"), "argv"), cancellationToken);

            // Children that evaluations start (the subprocess API and the FFI) join the trace; a target without
            // them answers with an error and spawns nothing, which is no failure here.
            await session.EvalAsync("System runCommand: \"true\"", cancellationToken);
            await session.EvalAsync("Erlang os cmd: \"true\"", cancellationToken);
            Sample("while a session was open");
        }

        await instance.ExerciseAsync(cancellationToken);
        Sample("after the exercise commands");
        await instance.StopAsync(cancellationToken);

        var execs = instance.Execs();
        foreach (var exec in execs)
        {
            if (forms.FindIn(where == Where.CommandLine ? exec.Arguments : exec.Environment) is { } form)
            {
                throw CheckEnd.Violation($"pid {exec.Pid} was started as {exec.Program} with the cookie in its {Describe(where)} (sha256:{forms.Fingerprint}, {form.Name}).");
            }
        }

        if (execs.Count == 0)
        {
            throw CheckEnd.Inconclusive("strace recorded no program start at all, so the trace cannot vouch for the process tree.");
        }

        return new CheckResult.Pass($"{execs.Count} program starts traced from create to stop and {sampled.Count} live processes sampled; no {Describe(where)} held the cookie.");
    }

    private static string Describe(Where where) => where == Where.CommandLine ? "command line" : "environment";

    private static string Program(int pid) => ProcessTree.CommandLineOf(pid) is { Count: > 0 } words ? Path.GetFileName(words[0]) : "?";
}
