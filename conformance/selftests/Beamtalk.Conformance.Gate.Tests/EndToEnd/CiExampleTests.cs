using Beamtalk.Conformance.Gate.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Beamtalk.Conformance.Gate.Tests.EndToEnd;

/// <summary>
/// The CI examples in docs/ci/ run here as written: every shell step of the GitHub workflow and the
/// GitLab job's script, against the reference, with the tool installed from the package 'make package'
/// writes. Only the values a user would set (package source, gate arguments) are replaced. Steps that
/// call hosted actions are not run, but the files they upload must exist.
/// </summary>
public sealed class CiExampleTests : IDisposable
{
    private const string GateArguments = "--reference --only NET-EPHEMERAL";

    private readonly TempDirectory _directory = new("ci-example");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_github_workflow_steps_install_the_tool_run_the_gate_and_leave_every_uploaded_file()
    {
        var packages = await PackageAsync();
        var job = (YamlMappingNode)Load("docs/ci/github-actions.yml")["jobs"]["conformance"];
        var environment = Environment(job, "env", packages);
        environment["GITHUB_STEP_SUMMARY"] = _directory.File("summary.md");
        var uploaded = new List<string>();

        foreach (YamlMappingNode step in (YamlSequenceNode)job["steps"])
        {
            if (step.Children.TryGetValue("run", out var script))
            {
                var run = await ProgramRun.RunAsync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script.ToString()], Workspace, environment);
                Assert.True(run.ExitCode == 0, $"step '{Name(step)}' failed: {run}");
            }
            else if (step.Children.TryGetValue("with", out var with))
            {
                var inputs = (YamlMappingNode)with;
                foreach (var key in (string[])["sarif_file", "path"])
                {
                    if (inputs.Children.TryGetValue(key, out var files))
                    {
                        uploaded.AddRange(files.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    }
                }
            }
        }

        Assert.Contains("conformance/results.sarif", uploaded);
        Assert.All(uploaded, file => Assert.True(File.Exists(Path.Combine(Workspace, file)), $"{file} is uploaded but was not written"));
        Assert.Equal("0", File.ReadAllText(Path.Combine(Workspace, "conformance/exit-code")).Trim());
        Assert.Contains("**Gate: PASS**", File.ReadAllText(_directory.File("summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gitlab_job_script_runs_the_gate_and_leaves_its_artifacts_and_junit_report()
    {
        var packages = await PackageAsync();
        var job = (YamlMappingNode)Load("docs/ci/gitlab-ci.yml")["beamtalk-conformance"];
        var environment = Environment(job, "variables", packages);
        var script = string.Join("\n", ((YamlSequenceNode)job["script"]).Select(line => line.ToString()));

        var run = await ProgramRun.RunAsync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], Workspace, environment);

        Assert.True(run.ExitCode == 0, run.ToString());
        var artifacts = (YamlMappingNode)job["artifacts"];
        var files = ((YamlSequenceNode)artifacts["paths"]).Select(p => p.ToString()).Append(artifacts["reports"]["junit"].ToString());
        Assert.All(files, file => Assert.True(File.Exists(Path.Combine(Workspace, file)), $"{file} is kept but was not written"));
    }

    private string Workspace
    {
        get
        {
            var path = _directory.File("repository");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>The job's own variables, with the two a user sets pointed at this build; a private NuGet cache, so no stale copy of the tool is used.</summary>
    private Dictionary<string, string> Environment(YamlMappingNode job, string section, string packages)
    {
        var variables = ((YamlMappingNode)job[section]).Children.ToDictionary(p => p.Key.ToString(), p => p.Value.ToString(), StringComparer.Ordinal);
        Assert.Contains("BEAMTALK_CONFORMANCE_SOURCE", variables.Keys);
        Assert.Contains("CONFORMANCE_ARGS", variables.Keys);
        variables["BEAMTALK_CONFORMANCE_SOURCE"] = packages;
        variables["CONFORMANCE_ARGS"] = GateArguments;
        variables["NUGET_PACKAGES"] = _directory.File("nuget-packages");
        return variables;
    }

    private static async Task<string> PackageAsync()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var run = await PackageRun.Value;
        Assert.True(run.ExitCode == 0, $"make package ({configuration}) failed: {run}");
        return Repository.File("artifacts/packages");
    }

    /// <summary>Packed once for both examples: the tests of one class run one after another.</summary>
    private static readonly Lazy<Task<ProgramRun>> PackageRun = new(() => ProgramRun.RunAsync(
        Repository.File("scripts/package.sh"),
        [AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release"]));

    private static YamlMappingNode Load(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Repository.File(relative)));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Name(YamlMappingNode step) => step.Children.TryGetValue("name", out var name) ? name.ToString() : "(unnamed)";
}
