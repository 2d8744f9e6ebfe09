using System.CommandLine;
using Beamtalk.Conformance.Measurements;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Cli;

/// <summary><c>beamtalk-conformance bench</c>: cold start to first auth_ok and eval latency under a flood, as figures.</summary>
internal static class BenchCommand
{
    public static Command Build()
    {
        var target = new Option<FileInfo?>("--target") { Description = "Target file (default: the reference next to --reference-cli)." };
        var reference = new Option<FileInfo?>("--reference-cli") { Description = "The reference 'beamtalk' executable, when no --target is given." };
        var runs = new Option<int>("--runs") { Description = "How many cold starts to measure (1-100).", DefaultValueFactory = _ => 10 };
        var command = new Command("bench", "Figures, not assertions: a target's cold start to its first auth_ok, its owner's eval latency with and without a bad-auth flood, the eval round trip of 1 + 2, and compiler bombs to their error replies.") { target, reference, runs };
        command.SetAction(async (result, cancellationToken) =>
        {
            var count = result.GetValue(runs);
            if (count is < 1 or > 100)
            {
                Console.Error.WriteLine("error: --runs must be between 1 and 100.");
                return ExitCodes.CannotJudge;
            }

            Target subject;
            try
            {
                subject = new Target(result.GetValue(target) is { } file
                    ? TargetFile.Load(file.FullName)
                    : ReferenceTarget.Describe(result.GetValue(reference)?.FullName ?? throw new TargetFileException("give --target or --reference-cli.")));
            }
            catch (TargetFileException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.CannotJudge;
            }

            var samples = new List<StartupSample>();
            for (var run = 1; run <= count; run++)
            {
                var sample = await StartupMeasurement.MeasureOnceAsync(subject, cancellationToken);
                samples.Add(sample);
                Console.WriteLine($"[{run,3}/{count}] ready {sample.UntilReady.TotalMilliseconds,6:0} ms, first auth_ok {sample.UntilAuthenticated.TotalMilliseconds,6:0} ms");
            }

            Console.WriteLine(StartupMeasurement.Summarise($"{subject.Name} start command until port published", samples.Select(s => s.UntilReady)));
            Console.WriteLine(StartupMeasurement.Summarise($"{subject.Name} cold start until first auth_ok", samples.Select(s => s.UntilAuthenticated)));

            // The same measurement AUTH-FLOOD grades, printed as figures.
            var floodCheck = Checks.CheckRegistry.All.Single(c => c.Type == typeof(Checks.FloodChecks.OwnerIsNotStarvedByAFlood));
            var flood = await Checks.CheckExecutor.RunAsync(floodCheck, new Checks.CheckContext(floodCheck.Requirement, subject, Core.CheckSettings.Default), cancellationToken);
            Console.WriteLine($"{subject.Name} {flood.Kind}: {flood.Text}");

            if (subject.SpeaksProtocol)
            {
                foreach (var line in await EvalMeasurement.MeasureAsync(subject, roundTrips: 500, cancellationToken))
                {
                    Console.WriteLine(line);
                }
            }

            return ExitCodes.Pass;
        });
        return command;
    }
}
