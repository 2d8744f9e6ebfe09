using Beamtalk.Conformance.Catalogue;
using Beamtalk.ThreatModel.Document;
using Beamtalk.ThreatModel.Rendering;

namespace Beamtalk.ThreatModel.Sections;

/// <summary>What an attacker wants, and which requirements guard it.</summary>
internal static class AssetsSection
{
    private sealed record Guarded(string Name, string WhyItMatters, string[] Families, Asset Asset);

    private static readonly Guarded[] Assets =
    [
        new("The workspace cookie (`~/.beamtalk/workspaces/{id}/cookie`)",
            "Whoever holds it runs code as the workspace owner and can join the workspace's Erlang distribution.",
            ["SECRET"], Asset.Cookie),
        new("The REPL endpoint (WebSocket on a loopback, OS-assigned port)",
            "The only door to code execution; anything that can open a connection to it can try the cookie.",
            ["NET", "AUTH", "BR"], Asset.ReplEndpoint),
        new("Workspace files (`metadata.json`, `node.info`, the compiler daemon's session socket, logs)",
            "They must reveal no secret, and the daemon's socket must not accept another OS user.",
            [], Asset.WorkspaceFiles),
        new("The owner's account and host",
            "What an authenticated session reaches: files, processes, the network and other local services.",
            ["ISO", "CAP", "PY"], Asset.None),
    ];

    public static void Write(MarkdownWriter writer, DocumentContext context)
    {
        writer.Heading(2, "Assets");
        writer.Table(
            ["Asset", "Why it matters", "Guarded by"],
            Assets.Select(asset => (IReadOnlyList<string>)[asset.Name, asset.WhyItMatters, GuardedBy(asset, context)]));
    }

    private static string GuardedBy(Guarded asset, DocumentContext context)
    {
        var families = asset.Families.Where(f => context.Families.Contains(f, StringComparer.Ordinal)).Select(f => $"{context.FamilyLink(f)} family");
        // Requirements outside those families that the catalogue says guard this asset too.
        var requirements = RequirementCatalogue.All
            .Where(r => asset.Asset != Asset.None && r.AlsoGuards.HasFlag(asset.Asset) && !asset.Families.Contains(r.Family, StringComparer.Ordinal))
            .Select(r => r.Id)
            .Where(context.Graded.Contains)
            .Select(context.RequirementLink);
        var guards = families.Concat(requirements).ToList();
        return guards.Count == 0 ? "no catalogue requirement" : string.Join(", ", guards);
    }
}
