using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Principles.Analysis;
using Beamtalk.Conformance.Principles.Source;

namespace Beamtalk.Conformance.Principles.Rules;

/// <summary>
/// Where a rule matched, what it saw, and any other lines that explain it (a default's definition). A detector
/// that knows the context lowers <see cref="Level"/> below its rule's (a catch-all far from any boundary).
/// </summary>
public sealed record Hit(int LineIndex, string Evidence, IReadOnlyList<Location>? Related = null)
{
    public FindingLevel? Level { get; init; }
}

/// <summary>
/// One check of one language: a stable ID (<c>CS-LISTEN-WILDCARD</c>), the principles it serves, the level
/// its findings carry, why it exists, the look-alikes it knows it may flag, and the requirements that cover it.
/// </summary>
public sealed class Rule
{
    public Rule(
        Language language,
        RuleFamily family,
        Func<SourceFile, ChangeSet, IEnumerable<Hit>> detect,
        string? knownFalsePositives = null)
    {
        Language = language;
        Family = family;
        Detect = detect;
        KnownFalsePositives = knownFalsePositives ?? family.KnownFalsePositives;
        Id = $"{Prefix(language)}-{family.Suffix}";
    }

    public string Id { get; }

    public Language Language { get; }

    public RuleFamily Family { get; }

    public IReadOnlyList<Principle> Principles => Family.Principles;

    public FindingLevel Level => Family.Level;

    public string Title => Family.Title;

    public string Rationale => Family.Rationale;

    public string KnownFalsePositives { get; }

    public IReadOnlyList<string> RequirementIds => Family.RequirementIds;

    public Phase1Question Question => Family.Question;

    public Func<SourceFile, ChangeSet, IEnumerable<Hit>> Detect { get; }

    public static string Prefix(Language language) => language switch
    {
        Language.CSharp => "CS",
        Language.Erlang => "ERL",
        Language.Rust => "RS",
        Language.Python => "PY",
        Language.Shell => "SH",
        Language.Elixir => "EX",
        Language.Config => "CONF",
        _ => "XX",
    };
}
