using System.CommandLine;
using System.Diagnostics;
using Beamtalk.Conformance.Principles;
using Beamtalk.Conformance.Principles.Reports;

namespace Beamtalk.Conformance.Cli;

/// <summary>
/// <c>beamtalk-conformance principles-bench</c>: a figure, not an assertion. Builds a scratch repository whose
/// one commit adds about N lines across the five languages, and times the whole check (git diff, parse, rules,
/// Markdown) over it.
/// </summary>
internal static class PrinciplesBenchCommand
{
    private static readonly Dictionary<string, string[]> Snippets = new()
    {
        ["cs"] =
        [
            "public sealed class Listener{0}",
            "{{",
            "    public IPAddress BindAddress{0} {{ get; set; }} = IPAddress.Loopback;",
            "    public void Start(WebApplicationBuilder builder) => builder.WebHost.UseKestrel(k => k.Listen(BindAddress{0}, 0));",
            "    public bool Check(string presented) => CookieComparer.FixedTimeEquals(_cookie, presented);",
            "    public void Log(ILogger logger, string cookiePath) => logger.LogInformation(\"cookie at {{Path}}\", cookiePath);",
            "}}",
        ],
        ["erl"] =
        [
            "start_{0}(Port) ->",
            "    {{ok, Sock}} = gen_tcp:listen(Port, [binary, {{ip, {{127,0,0,1}}}}, {{active, false}}]),",
            "    logger:info(\"listening on ~p\", [Port]),",
            "    {{ok, Sock}}.",
        ],
        ["rs"] =
        [
            "pub fn serve_{0}(port: u16) -> std::io::Result<TcpListener> {{",
            "    let listener = TcpListener::bind((\"127.0.0.1\", port))?;",
            "    info!(\"listening on {{}}\", port);",
            "    Ok(listener)",
            "}}",
        ],
        ["py"] =
        [
            "def check_{0}(presented, cookie):",
            "    return hmac.compare_digest(presented.encode(), cookie.encode())",
            "",
        ],
        ["sh"] =
        [
            "start_{0}() {{",
            "  umask 077",
            "  printf '%s' \"$COOKIE\" > \"$DIR/cookie\"",
            "}}",
        ],
    };

    public static Command Build()
    {
        var lines = new Option<int>("--lines") { Description = "About how many lines the change adds (100-100000).", DefaultValueFactory = _ => 1000 };
        var runs = new Option<int>("--runs") { Description = "How many timed runs after one warm-up (1-50).", DefaultValueFactory = _ => 5 };
        var command = new Command("principles-bench", "Figures, not assertions: the principles check's run time on a generated change of about --lines added lines.") { lines, runs };
        command.SetAction(result =>
        {
            var size = result.GetValue(lines);
            var count = result.GetValue(runs);
            if (size is < 100 or > 100_000 || count is < 1 or > 50)
            {
                Console.Error.WriteLine("error: --lines must be 100-100000 and --runs 1-50.");
                return ExitCodes.CannotJudge;
            }

            var directory = Directory.CreateTempSubdirectory("principles-bench-");
            try
            {
                var added = WriteChange(directory.FullName, size);
                var request = new PrinciplesRequest(directory.FullName, "HEAD~1", "HEAD");
                MarkdownComment.Write(PrinciplesCheck.Run(request));
                var times = new List<double>();
                for (var run = 0; run < count; run++)
                {
                    var clock = Stopwatch.StartNew();
                    var report = PrinciplesCheck.Run(request);
                    MarkdownComment.Write(report);
                    times.Add(clock.Elapsed.TotalMilliseconds);
                    if (run == 0)
                    {
                        Console.WriteLine($"change: {report.Analysis.AddedLines} added lines in {report.Analysis.ChangedFiles} files, {report.Analysis.Findings.Count} findings");
                    }
                }

                times.Sort();
                Console.WriteLine($"principles check on a {added}-line diff: median {times[times.Count / 2]:0} ms, min {times[0]:0} ms, max {times[^1]:0} ms over {count} runs (git diff + parse + rules + Markdown)");
                return ExitCodes.Pass;
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        });
        return command;
    }

    private static int WriteChange(string root, int targetLines)
    {
        Git(root, "init", "-q");
        Git(root, "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-q", "--allow-empty", "-m", "base");
        var perLanguage = targetLines / Snippets.Count;
        var total = 0;
        foreach (var (extension, snippet) in Snippets)
        {
            var text = new List<string>();
            for (var i = 0; text.Count + snippet.Length <= perLanguage; i++)
            {
                text.AddRange(snippet.Select(line => string.Format(System.Globalization.CultureInfo.InvariantCulture, line, i)));
            }

            File.WriteAllLines(Path.Combine(root, $"bench.{extension}"), text);
            total += text.Count;
        }

        Git(root, "add", "-A");
        Git(root, "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-q", "-m", "head");
        return total;
    }

    private static void Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start git");
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {arguments[0]} failed with {process.ExitCode}");
        }
    }
}
