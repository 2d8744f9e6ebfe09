using System.Diagnostics;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Principles.Rules;

namespace Beamtalk.Conformance.Principles.Tests;

/// <summary>The acceptance scenario: three commits, each breaking one principle, read through git like a real PR.</summary>
public sealed class ScratchRepositoryTests : IDisposable
{
    private readonly ScratchRepository _repository = new();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Each_bad_commit_gets_a_violation_under_the_right_principle_and_line_and_strict_exits_1()
    {
        var start = _repository.Git("rev-parse", "HEAD").Trim();
        var bind = _repository.Commit("listener", false, ("src/Server.cs", "using System.Net;\nusing System.Net.Sockets;\n\nvar listener = new TcpListener(IPAddress.Parse(\"0.0.0.0\"), 0);\nlistener.Start();\n"));
        var log = _repository.Commit("log", false, ("src/Auth.cs", "var cookie = File.ReadAllText(cookiePath);\n\nlogger.LogInformation(\"auth cookie {Cookie}\", cookie);\n"));
        var compare = _repository.Commit("compare", false, ("src/Compare.cs", "static bool Check(byte[] expected, byte[] presented)\n{\n    if (expected.Length != presented.Length) return false;\n    return CryptographicOperations.FixedTimeEquals(expected, presented);\n}\n"));

        AssertViolation(start, bind, "CS-LISTEN-WILDCARD", Principle.P5, "src/Server.cs", 4);
        AssertViolation(bind, log, "CS-SECRET-TO-OUTPUT", Principle.P3, "src/Auth.cs", 3);
        AssertViolation(log, compare, "CS-COMPARE-LENGTH-FIRST", Principle.P1, "src/Compare.cs", 3);

        foreach (var (from, to) in new[] { (start, bind), (bind, log), (log, compare) })
        {
            Assert.Equal(1, RunCli("principles", "--repo", _repository.Root, "--base", from, "--head", to, "--strict").ExitCode);
        }
    }

    [Fact]
    public void Without_strict_a_violation_still_exits_0_and_the_markdown_lists_it()
    {
        var start = _repository.Git("rev-parse", "HEAD").Trim();
        _repository.Commit("listener", false, ("net.py", "sock.bind((\"0.0.0.0\", 8080))\n"));
        var (code, output) = RunCli("principles", "--repo", _repository.Root, "--base", start, "--format", "markdown");
        Assert.Equal(0, code);
        Assert.Contains("PY-LISTEN-WILDCARD", output, StringComparison.Ordinal);
        Assert.Contains("- [ ] **P5", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_change_exits_0_under_strict()
    {
        var start = _repository.Git("rev-parse", "HEAD").Trim();
        _repository.Commit("docs", false, ("README.md", "# notes\n"));
        Assert.Equal(0, RunCli("principles", "--repo", _repository.Root, "--base", start, "--strict").ExitCode);
    }

    [Fact]
    public void Unknown_revision_and_not_a_repository_exit_2()
    {
        Assert.Equal(2, RunCli("principles", "--repo", _repository.Root, "--base", "no-such-revision").ExitCode);
        var plain = Directory.CreateTempSubdirectory("principles-plain-");
        try
        {
            Assert.Equal(2, RunCli("principles", "--repo", plain.FullName, "--base", "HEAD").ExitCode);
        }
        finally
        {
            plain.Delete(recursive: true);
        }
    }

    private void AssertViolation(string from, string to, string rule, Principle principle, string path, int line)
    {
        var report = PrinciplesCheck.Run(new PrinciplesRequest(_repository.Root, from, to));
        var violations = report.Active.Where(f => f.Level == FindingLevel.Violation).ToList();
        var finding = Assert.Single(violations);
        Assert.Equal((rule, principle, path, line), (finding.Rule.Id, finding.Principle, finding.Where.Path, finding.Where.Line));
        Assert.False(report.Passes(strict: true));
    }

    private static (int ExitCode, string Output) RunCli(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "beamtalk-conformance")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = error.Result;
        return (process.ExitCode, output);
    }
}
