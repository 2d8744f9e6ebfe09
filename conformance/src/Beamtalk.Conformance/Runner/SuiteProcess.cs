using System.Diagnostics;
using System.Text.Json;
using Beamtalk.Conformance.Results;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Runner;

/// <summary>One finished test, with the requirement IDs it is tagged with.</summary>
public sealed record FinishedTest(IReadOnlyList<string> Requirements, TestRecord Record);

/// <summary>Progress of a suite run, as tests finish.</summary>
public sealed record SuiteProgress(int Finished, int Total, FinishedTest Test);

/// <summary>The suite could not be run or did not report; the kit cannot judge.</summary>
public sealed class SuiteRunException(string message) : Exception(message);

/// <summary>
/// Runs the suite executable (an xUnit v3 test program) as a child process and reads xUnit's
/// JSON event stream: one JSON object per line, giving traits when a test starts and its outcome
/// when it ends. A crash of the suite cannot take the runner down, and nothing is parsed from prose.
/// </summary>
public static class SuiteProcess
{
    public const string TraitName = "requirement";

    public static async Task<IReadOnlyList<FinishedTest>> RunAsync(
        string suiteExecutable,
        string? targetFile,
        IReadOnlyList<string>? requirementIds,
        IProgress<SuiteProgress> progress,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(suiteExecutable) && !File.Exists(suiteExecutable + ".dll"))
        {
            throw new SuiteRunException($"the suite executable {suiteExecutable} does not exist; run 'make build' first.");
        }

        var start = new ProcessStartInfo(Launcher.Program(suiteExecutable))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[.. Launcher.Arguments(suiteExecutable), "-reporter", "json", "-noColor", "-noAutoReporters"])
        {
            start.ArgumentList.Add(argument);
        }

        // xUnit ORs repeated -trait filters: a test runs when it carries any selected ID.
        foreach (var id in requirementIds ?? [])
        {
            start.ArgumentList.Add("-trait");
            start.ArgumentList.Add($"{TraitName}={id}");
        }

        // The suite is a .NET process too, killed when it overruns its time limit.
        Observation.CommandRunner.WithoutDiagnosticEndpoints(start.Environment);
        if (targetFile is not null)
        {
            start.Environment[Core.CheckSettings.TargetVariable] = Path.GetFullPath(targetFile);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new SuiteRunException($"could not start {suiteExecutable}.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        var stream = new EventStream(progress);
        string stderr;
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                stream.Read(line);
            }

            await process.WaitForExitAsync(deadline.Token);
            stderr = await errors;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new SuiteRunException($"the suite did not finish within {timeout.TotalMinutes:0} minutes; {stream.Finished.Count} tests had finished.");
        }
        if (!stream.Completed)
        {
            throw new SuiteRunException($"the suite stopped before finishing (exit code {process.ExitCode}).\n{stderr}");
        }

        return stream.Finished;
    }

    /// <summary>Folds xUnit's events into finished tests.</summary>
    private sealed class EventStream(IProgress<SuiteProgress> progress)
    {
        private readonly Dictionary<string, (string Name, IReadOnlyList<string> Requirements)> _started = new(StringComparer.Ordinal);
        private readonly List<FinishedTest> _finished = [];
        private int _total;

        public bool Completed { get; private set; }

        public IReadOnlyList<FinishedTest> Finished => _finished;

        public void Read(string line)
        {
            if (!line.StartsWith('{'))
            {
                return;
            }

            using var document = JsonDocument.Parse(line);
            var message = document.RootElement;
            switch (message.GetProperty("$type").GetString())
            {
                case "discovery-complete":
                    _total += message.GetProperty("TestCasesToRun").GetInt32();
                    break;
                case "test-starting":
                    _started[Id(message)] = (message.GetProperty("TestDisplayName").GetString()!, Requirements(message));
                    break;
                case "test-passed":
                    FinishWithResult(message, TestOutcome.Passed, Text(message, "Output"));
                    break;
                case "test-failed":
                    // Without a check result, a failed test is the kit breaking, never the target failing.
                    FinishWithResult(message, TestOutcome.Errored, Strings(message, "Messages").FirstOrDefault());
                    break;
                case "test-skipped":
                    FinishWithResult(message, TestOutcome.Skipped, Text(message, "Reason"));
                    break;
                case "test-not-run":
                    Finish(message, TestOutcome.NotRun, "The test was not run.");
                    break;
                case "test-finished":
                    Attach(message);
                    break;
                case "test-assembly-finished":
                    Completed = true;
                    break;
            }
        }

        /// <summary>A check's own result, when its test wrote one, decides the outcome; the test host's only stands in without it.</summary>
        private void FinishWithResult(JsonElement message, TestOutcome withoutResult, string? text)
        {
            if (!Core.CheckResultLine.TryFind(Text(message, "Output"), out var requirementId, out var result))
            {
                Finish(message, withoutResult, text);
                return;
            }

            var outcome = result switch
            {
                Core.CheckResult.Pass or Core.CheckResult.Caveat => TestOutcome.Passed,
                Core.CheckResult.Violation => TestOutcome.Failed,
                Core.CheckResult.Missing => TestOutcome.Missing,
                Core.CheckResult.Inconclusive => TestOutcome.Inconclusive,
                _ => TestOutcome.Errored,
            };
            Finish(message, outcome, $"{requirementId}: {result.Text}");
        }

        private void Finish(JsonElement message, TestOutcome outcome, string? text)
        {
            var (name, requirements) = _started.GetValueOrDefault(Id(message), ("(unknown test)", []));
            var seconds = message.TryGetProperty("ExecutionTime", out var time) ? time.GetDouble() : 0;
            var finished = new FinishedTest(requirements, new TestRecord(name, outcome, string.IsNullOrWhiteSpace(text) ? null : text.Trim(), seconds));
            _finished.Add(finished);
            progress.Report(new SuiteProgress(_finished.Count, Math.Max(_total, _finished.Count), finished));
        }

        /// <summary>test-finished follows the outcome and carries the attachments, named by their relative paths.</summary>
        private void Attach(JsonElement message)
        {
            if (!message.TryGetProperty("Attachments", out var attachments) || attachments.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            var paths = attachments.EnumerateObject().Select(a => a.Name).Where(IsRelativeFile).Order(StringComparer.Ordinal).ToList();
            var index = _finished.FindLastIndex(f => f.Record.Name == _started.GetValueOrDefault(Id(message)).Name);
            if (paths.Count > 0 && index >= 0)
            {
                _finished[index] = _finished[index] with { Record = _finished[index].Record with { Attachments = paths } };
            }
        }

        // A link in a report must stay inside the output folder.
        private static bool IsRelativeFile(string path) =>
            path.Length > 0 && !Path.IsPathRooted(path) && !path.Split('/').Contains("..") && !path.Contains(':', StringComparison.Ordinal);

        private static string Id(JsonElement message) => message.GetProperty("TestUniqueID").GetString()!;

        private static string? Text(JsonElement message, string name) =>
            message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static string[] Strings(JsonElement message, string name) =>
            message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
                ? [.. value.EnumerateArray().Select(v => v.GetString() ?? string.Empty)]
                : [];

        private static string[] Requirements(JsonElement message) =>
            message.TryGetProperty("Traits", out var traits) && traits.TryGetProperty(TraitName, out var ids)
                ? [.. ids.EnumerateArray().Select(v => v.GetString()!)]
                : [];
    }
}
