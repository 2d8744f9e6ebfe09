using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beamtalk.Conformance.Catalogue;

/// <summary>One ID as it was published: when, and the digest of the statement it stands for.</summary>
public sealed record PublishedId(string Id, string Since, string Meaning);

/// <summary>A retired ID and the one that carries its meaning on.</summary>
public sealed record IdAlias(string Id, string ReplacedBy, string Since, string Reason);

/// <summary>
/// Every requirement ID this kit has ever published (Catalogue/published-ids.json, embedded). IDs are
/// never renumbered: one that is retired gets an alias, so waivers, selections and baselines written
/// for an older catalogue still mean the same requirement. The file also carries the catalogue version
/// every result is stamped with.
/// </summary>
public sealed class PublishedIds
{
    private const string ResourceName = "Beamtalk.Conformance.Catalogue.published-ids.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Lazy<PublishedIds> Embedded = new(Load);

    private PublishedIds(string catalogueVersion, IReadOnlyList<PublishedId> ids, IReadOnlyList<IdAlias> aliases)
    {
        CatalogueVersion = catalogueVersion;
        Ids = ids;
        Aliases = aliases;
    }

    public static PublishedIds Current => Embedded.Value;

    public string CatalogueVersion { get; }

    public IReadOnlyList<PublishedId> Ids { get; }

    public IReadOnlyList<IdAlias> Aliases { get; }

    /// <summary>The current ID for a retired one (following chains of aliases), or null when <paramref name="id"/> is not retired.</summary>
    public string? Resolve(string id)
    {
        string? current = null;
        for (var hops = 0; hops <= Aliases.Count; hops++)
        {
            var alias = Aliases.FirstOrDefault(a => string.Equals(a.Id, current ?? id, StringComparison.OrdinalIgnoreCase));
            if (alias is null)
            {
                return current;
            }

            current = alias.ReplacedBy;
        }

        throw new InvalidDataException($"{ResourceName}: the aliases of '{id}' form a cycle.");
    }

    /// <summary>The digest a statement is published under: first 16 hex characters of its SHA-256.</summary>
    public static string MeaningOf(Requirement requirement) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requirement.Statement)))[..16];

    private static PublishedIds Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in the kit.");
        var file = JsonSerializer.Deserialize<File>(stream, Options)
            ?? throw new InvalidDataException($"{ResourceName} is empty.");
        return new PublishedIds(file.CatalogueVersion, file.Ids, file.Aliases);
    }

    private sealed record File(string CatalogueVersion, IReadOnlyList<PublishedId> Ids, IReadOnlyList<IdAlias> Aliases);
}
