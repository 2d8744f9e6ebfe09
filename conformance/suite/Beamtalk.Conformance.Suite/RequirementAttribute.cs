using Beamtalk.Conformance.Catalogue;
using Xunit.v3;

namespace Beamtalk.Conformance.Suite;

/// <summary>
/// Tags a test with the catalogue requirement it verifies; the runner grades requirements from
/// these tags. An ID missing from the catalogue fails at discovery, so a typo cannot hide a test.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequirementAttribute : Attribute, ITraitAttribute
{
    public const string TraitName = "requirement";

    public RequirementAttribute(string id)
    {
        Id = RequirementCatalogue.Get(id).Id;
    }

    public string Id { get; }

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new(TraitName, Id)];
}
