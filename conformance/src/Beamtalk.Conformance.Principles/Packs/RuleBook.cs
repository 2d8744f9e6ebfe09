using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Principles.Rules;
using Beamtalk.Conformance.Principles.Source;

namespace Beamtalk.Conformance.Principles.Packs;

/// <summary>Every rule of every language pack. IDs are stable once published, like requirement IDs.</summary>
public static class RuleBook
{
    public static IReadOnlyList<Rule> All { get; } = Build();

    public static IReadOnlyList<Rule> For(Language language) => All.Where(r => r.Language == language).ToList();

    public static Rule? Find(string id) => All.FirstOrDefault(r => r.Id == id);

    internal static FileCreationSpelling FileSpelling(Language language) => language switch
    {
        Language.CSharp => CSharpPack.Files,
        Language.Erlang => ErlangPack.Files,
        Language.Rust => RustPack.Files,
        Language.Python => PythonPack.Files,
        Language.Elixir => ElixirPack.Files,
        Language.Config => ConfigPack.Files,
        _ => ShellPack.Files,
    };

    private static List<Rule> Build()
    {
        var rules = CSharpPack.Rules().Concat(ErlangPack.Rules()).Concat(RustPack.Rules()).Concat(PythonPack.Rules()).Concat(ShellPack.Rules())
            .Concat(ElixirPack.Rules()).Concat(ConfigPack.Rules()).ToList();
        var known = RequirementCatalogue.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = rules.SelectMany(r => r.RequirementIds.Select(id => (r.Id, id))).Where(p => !known.Contains(p.id)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"Rules name requirements the catalogue does not have: {string.Join(", ", unknown.Select(u => $"{u.Item1}->{u.id}"))}.");
        }

        var duplicate = rules.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? rules : throw new InvalidOperationException($"Rule ID {duplicate.Key} is defined twice.");
    }
}
