using Beamtalk.Conformance.Catalogue;
using Xunit.v3;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>Marks the self-test proving a requirement's check fails on a known-bad fixture.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KnownBadAttribute : Attribute, ITraitAttribute
{
    public const string TraitName = "known-bad";

    public KnownBadAttribute(string id)
    {
        Id = RequirementCatalogue.Get(id).Id;
    }

    public string Id { get; }

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new(TraitName, Id)];
}
