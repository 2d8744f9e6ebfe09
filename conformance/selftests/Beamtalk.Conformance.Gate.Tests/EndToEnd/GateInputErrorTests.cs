using Beamtalk.Conformance.Gate.Tests.Support;

namespace Beamtalk.Conformance.Gate.Tests.EndToEnd;

/// <summary>Exit 2, "the kit could not judge", with a message that names the problem; the suite never starts.</summary>
public sealed class GateInputErrorTests : IDisposable
{
    private readonly TempDirectory _directory = new("gate-input");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_syntactically_broken_target_file_exits_2_naming_the_file()
    {
        var target = _directory.Write("broken-target.json", "{ \"name\": \"x\", ");

        var run = await KitRuns.RunAsync(_directory.File("out"), "--target", target);

        AssertCannotJudge(run, "broken-target.json");
    }

    /// <summary>
    /// A placeholder the field does not know, and a field of the wrong JSON type: refused before the suite starts (no
    /// 90-s wait for a port file that can never appear), naming the field's path in plain words.
    /// </summary>
    [Theory]
    [InlineData("\"portFile\": \"port\"", "\"portFile\": \"port-{pid}\"", "layout.portFile: \"port-{pid}\" uses the unknown placeholder {pid}")]
    [InlineData("\"readyTimeoutSeconds\": 30", "\"readyTimeoutSeconds\": \"30\"", "readyTimeoutSeconds: must be a number, found the string \"30\"")]
    [InlineData("\"cookie\": \"cookie\"", "\"cookie\": [\"cookie\"]", "layout.cookie: must be a string, found an array")]
    public async Task A_target_file_with_an_unknown_placeholder_or_a_wrong_type_exits_2_naming_the_field(string sound, string broken, string message)
    {
        var target = FixtureTargetFile.Write(_directory, "target.json");
        var text = await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken);
        Assert.Contains(sound, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(target, text.Replace(sound, broken, StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var run = await KitRuns.RunAsync(_directory.File("out"), "--target", target);

        AssertCannotJudge(run, $"target.json: {message}");
        Assert.DoesNotMatch(@"Beamtalk\.Conformance\.|System\.", run.Stderr);
    }

    [Theory]
    [InlineData("NOPE-*")]
    [InlineData("NET-LOOPBAK")]
    [InlineData("NET LOOPBACK")]
    public async Task A_selection_matching_no_requirement_exits_2(string pattern)
    {
        var run = await KitRuns.RunAsync(_directory.File("out"), "--reference", "--only", pattern);

        AssertCannotJudge(run, pattern);
    }

    [Fact]
    public async Task A_selection_that_leaves_nothing_exits_2()
    {
        var run = await KitRuns.RunAsync(_directory.File("out"), "--reference", "--only", "NET-LOOPBACK", "--level", "should");

        AssertCannotJudge(run, "leaves no requirement");
    }

    [Fact]
    public async Task A_waiver_for_an_unknown_id_exits_2()
    {
        var waivers = _directory.Write("waivers.json", """{ "waivers": [ { "id": "NET-NOPE", "justification": "x", "expires": "2099-01-01" } ] }""");

        var run = await KitRuns.RunAsync(_directory.File("out"), "--reference", "--waivers", waivers);

        AssertCannotJudge(run, "'NET-NOPE' is not a requirement ID");
    }

    [Theory]
    [InlineData("waivers: [ { id: NET-LOOPBACK, expires: 2099-01-01 } ]", "'justification' is required")]
    [InlineData("waivers: [ { id: NET-LOOPBACK, justification: '  ', expires: 2099-01-01 } ]", "'justification' is required")]
    [InlineData("waivers: [ { id: NET-LOOPBACK, justification: x } ]", "'expires' is required")]
    [InlineData("waivers: [ { id: NET-LOOPBACK, justification: x, expires: 31.12.2099 } ]", "is not a date")]
    [InlineData("waivers: [ { id: NET-LOOPBACK, justification: x, expires: 2099-01-01, expiry: 2099-01-01 } ]", "unknown field 'expiry'")]
    [InlineData("waivers: [ { id: NET-LOOPBACK", "not valid YAML")]
    public async Task An_invalid_waiver_file_exits_2_naming_the_file_and_the_problem(string yaml, string problem)
    {
        var waivers = _directory.Write("waivers.yaml", yaml);

        var run = await KitRuns.RunAsync(_directory.File("out"), "--reference", "--waivers", waivers);

        AssertCannotJudge(run, "waivers.yaml");
        Assert.Contains(problem, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_baseline_exits_2()
    {
        var baseline = _directory.Write("old-results.json", "[]");

        var run = await KitRuns.RunAsync(_directory.File("out"), "--reference", "--baseline", baseline);

        AssertCannotJudge(run, "old-results.json");
    }

    [Fact]
    public async Task No_target_at_all_exits_2_and_says_what_to_give()
    {
        var run = await KitRuns.RunAsync(_directory.File("out"));

        AssertCannotJudge(run, "--target FILE");
    }

    [Theory]
    [InlineData("--level", "sometimes")]
    [InlineData("--fail-on", "may")]
    [InlineData("--no-such-option", "x")]
    public async Task Bad_arguments_exit_2(string option, string value)
    {
        var run = await KitRuns.RunAsync(_directory.File("out"), "--reference", option, value);

        AssertCannotJudge(run, "error:");
    }

    [Fact]
    public async Task Help_states_the_exit_code_contract()
    {
        var run = await ProgramRun.RunAsync(Repository.Kit, ["--help"]);

        Assert.Equal(0, run.ExitCode);
        foreach (var line in (string[])["0  no unwaived MUST requirement failed", "1  an unwaived MUST failed", "2  the kit could not judge"])
        {
            Assert.Contains(line, run.Stdout, StringComparison.Ordinal);
        }
    }

    private void AssertCannotJudge(ProgramRun run, string expected)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory.File("out")), "the suite must not run when the input is bad");
    }
}
