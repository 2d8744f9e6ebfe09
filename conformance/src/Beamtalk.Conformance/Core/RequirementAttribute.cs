namespace Beamtalk.Conformance.Core;

/// <summary>
/// The catalogue requirement a check verifies. The only place a check names its requirement: the registry, the
/// suite's test list, the known-bad self-tests and every message prefix are derived from it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RequirementAttribute(string id) : Attribute
{
    public string Id { get; } = id;
}
