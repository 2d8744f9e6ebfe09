using System.Reflection;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Suite;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>The suite's tags, the fixtures and the catalogue agree: no test without a fixture, no fixture without a test.</summary>
public sealed class CoverageTests
{
    private static IReadOnlySet<string> Tagged<TAttribute>(Assembly assembly, Func<TAttribute, string> id)
        where TAttribute : Attribute =>
        assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetCustomAttributes<TAttribute>())
            .Select(id)
            .ToHashSet(StringComparer.Ordinal);

    private static IReadOnlySet<string> SuiteRequirements =>
        Tagged<RequirementAttribute>(typeof(RequirementTest).Assembly, a => a.Id);

    private static IReadOnlySet<string> KnownBadRequirements =>
        Tagged<KnownBadAttribute>(typeof(CoverageTests).Assembly, a => a.Id);

    [Fact]
    public void Every_requirement_the_suite_tests_has_a_known_bad_fixture()
    {
        var withoutFixture = SuiteRequirements.Except(KnownBadRequirements).Order().ToList();
        Assert.True(withoutFixture.Count == 0, $"Tested but never shown to fail: {string.Join(", ", withoutFixture)}");
    }

    [Fact]
    public void Every_known_bad_fixture_belongs_to_a_tested_requirement()
    {
        var orphans = KnownBadRequirements.Except(SuiteRequirements).Order().ToList();
        Assert.True(orphans.Count == 0, $"Fixtures for requirements the suite does not test: {string.Join(", ", orphans)}");
    }

    [Fact]
    public void Every_tag_names_a_catalogue_requirement()
    {
        var unknown = SuiteRequirements.Where(id => !RequirementCatalogue.TryGet(id, out _)).ToList();
        Assert.Empty(unknown);
        Assert.NotEmpty(SuiteRequirements);
    }

    [Fact]
    public void The_table_of_all_checks_covers_every_tested_requirement()
    {
        var listed = SuiteChecks.All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(SuiteRequirements.Order(), listed.Order());
    }

    [Fact]
    public void Catalogue_ids_are_unique()
    {
        var duplicates = RequirementCatalogue.All.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }
}
