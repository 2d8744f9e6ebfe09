using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.SelfTests.Architecture;

/// <summary>The registry, the fixtures and the catalogue agree: every check names a requirement and is shown able to fail.</summary>
public sealed class CoverageTests
{
    [Fact]
    public void Every_check_has_a_known_bad_fixture()
    {
        var without = CheckRegistry.All.Where(c => c.KnownBad.Count == 0).Select(c => c.Name).ToList();
        Assert.True(without.Count == 0, $"Checks never shown to fail: {string.Join(", ", without)}");
    }

    [Fact]
    public void Every_known_bad_fixture_names_at_least_one_defect()
    {
        var empty = CheckRegistry.All.Where(c => c.KnownBad.Any(k => k.Defects.Count == 0)).Select(c => c.Name).ToList();
        Assert.Empty(empty);
    }

    [Fact]
    public void Every_check_is_a_sealed_class_with_a_unique_name()
    {
        Assert.NotEmpty(CheckRegistry.All);
        Assert.All(CheckRegistry.All, c => Assert.True(c.Type.IsSealed, $"{c.Name} is not sealed"));
        var duplicates = CheckRegistry.All.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_testable_requirement_has_a_check()
    {
        // DOC-* requirements are verified by the build itself (the threat model matches its evidence), not by a check.
        var untested = RequirementCatalogue.All
            .Where(r => r.Family != "DOC" && CheckRegistry.For(r.Id).Count == 0)
            .Select(r => r.Id)
            .ToList();
        Assert.True(untested.Count == 0, $"Requirements without a check: {string.Join(", ", untested)}");
    }

    [Fact]
    public void Catalogue_ids_are_unique()
    {
        var duplicates = RequirementCatalogue.All.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_defect_is_the_known_bad_fixture_of_some_check_or_of_the_upstream_like_combination()
    {
        var used = CheckRegistry.All.SelectMany(c => c.KnownBad).SelectMany(k => k.Defects)
            .Concat(UpstreamLikeFixtureTests.UpstreamShortfalls)
            .ToHashSet();
        var unused = Enum.GetValues<Defect>().Where(d => !used.Contains(d)).ToList();
        Assert.True(unused.Count == 0, $"Defects no check is shown to catch: {string.Join(", ", unused)}");
    }
}
