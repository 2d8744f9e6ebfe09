namespace Beamtalk.Conformance.Core;

/// <summary>
/// A known-bad fixture on which the check must end in a violation of its requirement: the fixture run with
/// <see cref="Defects"/> (usually one). <see cref="Because"/>, when set, is text the violation must contain, for
/// checks with several rules where the defect must break the rule it is about and not an earlier one by accident.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class KnownBadAttribute(params Defect[] defects) : Attribute
{
    public IReadOnlyList<Defect> Defects { get; } = defects;

    public string? Because { get; init; }
}
