using Beamtalk.Conformance.Catalogue;

namespace Beamtalk.Conformance.Gate.Tests.Gate;

/// <summary>
/// IDs are a public interface: waivers, baselines and CI selections name them. Once published an ID
/// keeps its meaning forever; it can only be retired with an alias to the ID that carries it on.
/// </summary>
public sealed class PublishedIdsTests
{
    private static readonly PublishedIds Published = PublishedIds.Current;

    [Fact]
    public void Every_published_id_is_still_in_the_catalogue_or_aliased_to_one_that_is()
    {
        var current = RequirementCatalogue.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var lost = Published.Ids
            .Where(p => !current.Contains(p.Id) && (Published.Resolve(p.Id) is not { } successor || !current.Contains(successor)))
            .Select(p => p.Id)
            .ToList();

        Assert.True(lost.Count == 0, $"Published IDs disappeared without an alias: {string.Join(", ", lost)}. Add an alias entry to Catalogue/published-ids.json naming the requirement that carries each one's meaning.");
    }

    [Fact]
    public void Every_catalogue_id_is_published_with_the_meaning_it_has_now()
    {
        var problems = new List<string>();
        foreach (var requirement in RequirementCatalogue.All)
        {
            var published = Published.Ids.FirstOrDefault(p => p.Id == requirement.Id);
            var meaning = PublishedIds.MeaningOf(requirement);
            if (published is null)
            {
                problems.Add($"{requirement.Id} is new: add {{ \"id\": \"{requirement.Id}\", \"since\": \"<next catalogue version>\", \"meaning\": \"{meaning}\" }} and bump catalogueVersion.");
            }
            else if (published.Meaning != meaning)
            {
                problems.Add($"{requirement.Id}'s statement changed (published meaning {published.Meaning}, now {meaning}). If only the wording changed, record the new digest and bump catalogueVersion; if the meaning changed, give the requirement a new ID and alias the old one.");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Aliases_point_to_current_ids_and_retired_ids_are_not_reused()
    {
        var current = RequirementCatalogue.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var alias in Published.Aliases)
        {
            Assert.False(current.Contains(alias.Id), $"{alias.Id} is retired but back in the catalogue: IDs are never reused.");
            Assert.Contains(Published.Resolve(alias.Id)!, current);
            Assert.False(string.IsNullOrWhiteSpace(alias.Reason), $"alias {alias.Id} needs a reason");
        }
    }

    [Fact]
    public void The_catalogue_version_is_stamped_on_every_run()
    {
        Assert.Matches("^[0-9]+\\.[0-9]+$", Published.CatalogueVersion);
        Assert.All(Published.Ids, p => Assert.Matches("^[0-9]+\\.[0-9]+$", p.Since));
    }

    [Fact]
    public void The_meaning_check_notices_a_changed_statement()
    {
        var requirement = RequirementCatalogue.All[0];
        var reworded = new Requirement(requirement.Id, requirement.Level, requirement.Title, requirement.Statement + " Also on Tuesdays.", requirement.Source, requirement.Principles, requirement.Threats, requirement.Verification);

        Assert.NotEqual(PublishedIds.MeaningOf(requirement), PublishedIds.MeaningOf(reworded));
    }
}
