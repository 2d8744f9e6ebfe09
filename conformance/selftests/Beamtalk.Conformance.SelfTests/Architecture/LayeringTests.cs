using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.SelfTests.Architecture;

/// <summary>
/// The shape the kit keeps as it grows: namespaces that do not use each other in circles, a kit that never depends on
/// the reference it checks, settings read in one place, and each requirement named in few files.
/// </summary>
public sealed partial class LayeringTests
{
    public static TheoryData<string> KitAssemblies =>
    [
        typeof(CheckRegistry).Assembly.GetName().Name!,
        typeof(Principles.PrinciplesCheck).Assembly.GetName().Name!,
        typeof(ThreatModel.ThreatModelGenerator).Assembly.GetName().Name!,
    ];

    [Theory, MemberData(nameof(KitAssemblies))]
    public void No_namespace_of_a_kit_assembly_uses_another_that_uses_it_back(string assemblyName)
    {
        var graph = NamespaceGraph.Of(Assembly.Load(assemblyName));
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, string.Join("\n", cycles.Select(cycle =>
            $"cycle {string.Join(" ⇄ ", cycle)}: " + string.Join("; ", cycle.SelectMany(from => cycle
                .Where(to => graph.Edges.GetValueOrDefault(from)?.ContainsKey(to) == true)
                .Select(to => graph.Edges[from][to]))))));
    }

    [Fact]
    public void No_kit_project_references_the_reference()
    {
        var offenders = KitProjects()
            .SelectMany(project => ProjectReferences(project).Select(reference => (project, reference)))
            .Where(p => p.reference.Contains("/reference/", StringComparison.Ordinal))
            .Select(p => $"{Path.GetRelativePath(Repository.Root, p.project)} → {p.reference}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void The_suite_carries_the_reference_as_its_built_in_target_but_uses_none_of_its_code()
    {
        var suite = typeof(Suite.RequirementChecks).Assembly;
        var used = suite.GetReferencedAssemblies().Select(a => a.Name!).Where(IsReferenceAssembly).ToList();
        Assert.True(used.Count == 0, $"the suite uses the reference's code: {string.Join(", ", used)}");
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(suite.Location)!, "beamtalk")) || File.Exists(Path.Combine(Path.GetDirectoryName(suite.Location)!, "beamtalk.dll")), "the built-in target is not next to the suite");
    }

    [Fact]
    public void Only_the_settings_read_the_kits_environment_variables()
    {
        var readers = SourceFiles(Path.Combine(Repository.Root, "conformance", "src"), Path.Combine(Repository.Root, "conformance", "suite"))
            .Where(file => Path.GetFileName(file) != "CheckSettings.cs")
            .Where(file => SettingsRead().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(Repository.Root, file))
            .ToList();
        Assert.True(readers.Count == 0, $"read BEAMTALK_* outside CheckSettings: {string.Join(", ", readers)}");
    }

    /// <summary>
    /// Adding a requirement is one catalogue entry, one check type and one fixture defect: an ID written in more product
    /// files than that is a list someone keeps by hand. Tests may name published IDs as data (they never change).
    /// </summary>
    [Fact]
    public void Each_requirement_id_is_written_in_at_most_three_product_source_files()
    {
        var files = SourceFiles(
                Path.Combine(Repository.Root, "conformance", "src"),
                Path.Combine(Repository.Root, "conformance", "suite"),
                Path.Combine(Repository.Root, "threat-model", "src"),
                Path.Combine(Repository.Root, "reference", "src"))
            .Select(file => (file, text: File.ReadAllText(file)))
            .ToList();
        var crowded = RequirementCatalogue.All
            .Select(r => (r.Id, Files: files.Where(f => f.text.Contains($"\"{r.Id}\"", StringComparison.Ordinal)).Select(f => Path.GetRelativePath(Repository.Root, f.file)).ToList()))
            .Where(r => r.Files.Count > 3)
            .Select(r => $"{r.Id} in {r.Files.Count} files: {string.Join(", ", r.Files)}")
            .ToList();
        Assert.True(crowded.Count == 0, string.Join("\n", crowded));
    }

    private static bool IsReferenceAssembly(string name) =>
        name is "Beamtalk.Workspace" or "Beamtalk.Language" or "beamtalk" or "Beamtalk.Cli";

    private static IEnumerable<string> KitProjects() =>
        new[] { Path.Combine(Repository.Root, "conformance", "src"), Path.Combine(Repository.Root, "threat-model", "src") }
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.csproj", SearchOption.AllDirectories));

    private static IEnumerable<string> ProjectReferences(string project) =>
        XDocument.Load(project).Descendants("ProjectReference")
            .Select(element => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, element.Attribute("Include")!.Value.Replace('\\', '/'))));

    private static IEnumerable<string> SourceFiles(params string[] folders) =>
        folders.SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(file => !BuildOutput().IsMatch(file));

    /// <summary>A read of a kit variable: by its literal name, or by one of the constants that name them.</summary>
    [GeneratedRegex(@"GetEnvironmentVariable\(\s*(""BEAMTALK_|[A-Za-z.]*Variable\b)")]
    private static partial Regex SettingsRead();

    [GeneratedRegex(@"/(bin|obj)/")]
    private static partial Regex BuildOutput();
}
