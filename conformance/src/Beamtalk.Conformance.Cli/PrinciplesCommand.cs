using System.CommandLine;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Principles;
using Beamtalk.Conformance.Principles.Diff;
using Beamtalk.Conformance.Principles.Reports;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Cli;

/// <summary><c>beamtalk-conformance principles</c>: what a change does to the six principles of ADR 0058.</summary>
internal static class PrinciplesCommand
{
    public static Command Build()
    {
        var repo = new Option<DirectoryInfo>("--repo") { Description = "The git work tree to read (any repository).", DefaultValueFactory = _ => new DirectoryInfo(".") };
        var baseRevision = new Option<string>("--base") { Description = "The revision the change starts from (a commit, a branch, or a tree such as the empty tree).", Required = true };
        var headRevision = new Option<string>("--head") { Description = "The revision the change ends at.", DefaultValueFactory = _ => "HEAD" };
        var strict = new Option<bool>("--strict") { Description = "Exit 1 on any violation or unanswered Phase-1 question." };
        var format = new Option<string>("--format") { Description = "text, markdown (a PR comment), json or sarif.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown", "json", "sarif");
        var output = new Option<FileInfo?>("--out") { Description = "Write the report here instead of standard output." };
        var description = new Option<FileInfo?>("--pr-description") { Description = "The PR description; lines 'ADR0058-port: ...' and the like answer the questions." };
        var baseResults = new Option<FileInfo?>("--base-results") { Description = "results.json of the suite run on the base (with --head-results: the baseline diff)." };
        var headResults = new Option<FileInfo?>("--head-results") { Description = "results.json of the suite run on the head." };
        var includeTests = new Option<bool>("--include-tests") { Description = "Judge tests and fixtures like product code (by default their findings are notes)." };
        var command = new Command("principles", "Report, per ADR 0058 principle, what a git change touches, with file:line evidence; exit 0, 1 (under --strict: a violation or an open question) or 2 (cannot read the change).")
        {
            repo, baseRevision, headRevision, strict, format, output, description, baseResults, headResults, includeTests,
        };
        command.SetAction(result =>
        {
            var request = new PrinciplesRequest(
                result.GetValue(repo)!.FullName,
                result.GetValue(baseRevision)!,
                result.GetValue(headRevision)!,
                result.GetValue(includeTests));
            PrinciplesReport report;
            try
            {
                var behaviour = LoadBehaviour(result.GetValue(baseResults), result.GetValue(headResults));
                var prDescription = result.GetValue(description) is { } file ? File.ReadAllText(file.FullName) : null;
                report = PrinciplesCheck.Run(request, prDescription, behaviour);
            }
            catch (Exception e) when (e is GitException or IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.CannotJudge;
            }

            var text = result.GetValue(format) switch
            {
                "markdown" => MarkdownComment.Write(report),
                "json" => JsonReport.Write(report),
                "sarif" => SarifReport.Write(report),
                _ => TextReport.Write(report),
            };
            if (result.GetValue(output) is { } destination)
            {
                File.WriteAllText(destination.FullName, text);
                Console.WriteLine($"{report.Violations} violation(s), {report.OpenQuestions.Count} open question(s); report written to {destination.FullName}.");
            }
            else
            {
                Console.Write(text);
            }

            return report.Passes(result.GetValue(strict)) ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }

    private static IReadOnlyList<BehaviourChange>? LoadBehaviour(FileInfo? before, FileInfo? after) => (before, after) switch
    {
        (null, null) => null,
        ({ } b, { } a) => BehaviourChange.Compare(ResultsJson.Load(b.FullName), ResultsJson.Load(a.FullName)),
        _ => throw new ArgumentException("give both --base-results and --head-results, or neither."),
    };
}
