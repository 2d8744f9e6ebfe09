using System.Reflection;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Core;

namespace Beamtalk.Conformance.Checks;

/// <summary>A check type as the registry found it, with its requirement and its known-bad fixtures.</summary>
public sealed record RegisteredCheck(Type Type, Requirement Requirement, IReadOnlyList<KnownBadAttribute> KnownBad)
{
    /// <summary>Unique and stable: the type's name, under its family class when it is nested in one.</summary>
    public string Name => Type.DeclaringType is { } family ? $"{family.Name}.{Type.Name}" : Type.Name;

    /// <summary>The type's name as words: "ListenersAreLoopback" → "Listeners are loopback".</summary>
    public string Title
    {
        get
        {
            var words = System.Text.RegularExpressions.Regex.Replace(Type.Name, "(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ");
            return words[..1] + words[1..].ToLowerInvariant();
        }
    }

    /// <summary>Measures the target (timing): runs alone, never beside other checks.</summary>
    public bool RunsAlone => Type.IsDefined(typeof(RunsAloneAttribute), inherit: false);

    public ICheck Create() => (ICheck)Activator.CreateInstance(Type)!;
}

/// <summary>
/// Every check of the kit, found by reflection: the suite's tests, the known-bad self-tests and the coverage rules
/// all read this one list, so adding a check is adding a type.
/// </summary>
public static class CheckRegistry
{
    private static readonly Lazy<IReadOnlyList<RegisteredCheck>> Found = new(() => Discover(typeof(ICheck).Assembly));

    public static IReadOnlyList<RegisteredCheck> All => Found.Value;

    public static RegisteredCheck Get(string name) =>
        All.SingleOrDefault(c => c.Name == name) ?? throw new ArgumentException($"No check is named '{name}'.", nameof(name));

    public static IReadOnlyList<RegisteredCheck> For(string requirementId) => [.. All.Where(c => c.Requirement.Id == requirementId)];

    /// <summary>Finds the checks of <paramref name="assembly"/>; a check that names no catalogue requirement is a build mistake and throws.</summary>
    public static IReadOnlyList<RegisteredCheck> Discover(Assembly assembly) =>
        [.. assembly.GetTypes()
            .Where(t => typeof(ICheck).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(t =>
            {
                var id = t.GetCustomAttribute<RequirementAttribute>()?.Id
                    ?? throw new InvalidOperationException($"Check {t.FullName} has no [Requirement] attribute.");
                var requirement = RequirementCatalogue.TryGet(id, out var found)
                    ? found
                    : throw new InvalidOperationException($"Check {t.FullName} names '{id}', which is not in the catalogue.");
                return new RegisteredCheck(t, requirement, [.. t.GetCustomAttributes<KnownBadAttribute>()]);
            })
            .OrderBy(c => c.Requirement.Id, StringComparer.Ordinal)
            .ThenBy(c => c.Name, StringComparer.Ordinal)];
}
