using Beamtalk.Conformance.Catalogue;

namespace Beamtalk.Conformance.Gate;

/// <summary>Which levels a run covers: MUST only, SHOULD only, or every requirement.</summary>
public enum LevelFilter
{
    All,
    Must,
    Should,
}

/// <summary>
/// The requirements a run covers: <c>--only</c> globs (default everything), minus <c>--skip</c> globs,
/// restricted by <c>--level</c>. A glob that matches no catalogue ID, or a selection that ends up empty,
/// is an input error: a typo must never turn into a green run of nothing.
/// </summary>
public sealed record RequirementSelection(IReadOnlyList<string> Only, IReadOnlyList<string> Skip, LevelFilter Level)
{
    public static RequirementSelection Everything { get; } = new([], [], LevelFilter.All);

    public bool IsEverything => Only.Count == 0 && Skip.Count == 0 && Level == LevelFilter.All;

    /// <summary>The selected requirements, in catalogue order.</summary>
    /// <exception cref="GateInputException">A glob matches nothing, or nothing is left.</exception>
    public IReadOnlyList<Requirement> Resolve(IReadOnlyList<Requirement> catalogue, PublishedIds published)
    {
        var only = Only.Select(text => Pattern(text, catalogue, published)).ToList();
        var skip = Skip.Select(text => Pattern(text, catalogue, published)).ToList();
        var selected = catalogue
            .Where(r => only.Count == 0 || only.Any(p => p.Matches(r.Id)))
            .Where(r => !skip.Any(p => p.Matches(r.Id)))
            .Where(r => Level switch
            {
                LevelFilter.Must => r.Level == RequirementLevel.Must,
                LevelFilter.Should => r.Level == RequirementLevel.Should,
                _ => true,
            })
            .ToList();
        if (selected.Count == 0)
        {
            throw new GateInputException($"the selection ({Describe()}) leaves no requirement to check.");
        }

        return selected;
    }

    public string Describe()
    {
        var parts = new List<string>();
        if (Only.Count > 0)
        {
            parts.Add($"--only {string.Join(",", Only)}");
        }

        if (Skip.Count > 0)
        {
            parts.Add($"--skip {string.Join(",", Skip)}");
        }

        parts.Add($"--level {Level.ToString().ToLowerInvariant()}");
        return string.Join(" ", parts);
    }

    /// <summary>A retired ID in a selection means its successor, so old CI configurations keep working.</summary>
    private static IdPattern Pattern(string text, IReadOnlyList<Requirement> catalogue, PublishedIds published)
    {
        var pattern = IdPattern.Parse(published.Resolve(text.Trim()) ?? text);
        if (!catalogue.Any(r => pattern.Matches(r.Id)))
        {
            throw new GateInputException($"'{text}' matches no requirement ID in catalogue {published.CatalogueVersion}.");
        }

        return pattern;
    }
}
