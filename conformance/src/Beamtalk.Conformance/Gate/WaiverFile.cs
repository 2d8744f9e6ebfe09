using System.Globalization;
using System.Text.Json;
using Beamtalk.Conformance.Catalogue;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Beamtalk.Conformance.Gate;

/// <summary>
/// Reads a waiver file (JSON, or YAML for files ending in .yaml/.yml) of the shape published in
/// docs/schema/waivers.schema.json. Reading is strict: an unknown field, a missing justification or
/// expiry, a malformed date, a duplicate or an ID the catalogue never had are errors naming the file
/// and the entry, because a waiver that silently does nothing is worse than none.
/// </summary>
public static class WaiverFile
{
    private static readonly string[] KnownFields = ["id", "justification", "expires", "owner", "ticket"];

    /// <exception cref="GateInputException">The file cannot be read or is not a valid waiver file.</exception>
    public static IReadOnlyList<Waiver> Load(string path, IReadOnlyList<Requirement> catalogue, PublishedIds published)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GateInputException($"{path}: cannot read the waiver file: {e.Message}");
        }

        var yaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        return Parse(text, path, yaml, catalogue, published);
    }

    public static IReadOnlyList<Waiver> Parse(string text, string source, bool yaml, IReadOnlyList<Requirement> catalogue, PublishedIds published)
    {
        var root = yaml ? FromYaml(text, source) : FromJson(text, source);
        if (root is not Dictionary<string, object?> document)
        {
            throw new GateInputException($"{source}: a waiver file is an object with a 'waivers' list.");
        }

        foreach (var key in document.Keys.Where(k => k is not ("waivers" or "$schema")))
        {
            throw new GateInputException($"{source}: unknown top-level field '{key}' (expected 'waivers').");
        }

        if (!document.TryGetValue("waivers", out var list) || list is not List<object?> entries)
        {
            throw new GateInputException($"{source}: 'waivers' must be a list of waivers.");
        }

        var waivers = entries.Select((entry, index) => Entry(entry, $"{source}: waiver {index + 1}", catalogue, published)).ToList();
        var duplicate = waivers.GroupBy(w => w.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new GateInputException($"{source}: {duplicate.Key} is waived more than once; keep one entry per requirement.");
        }

        return waivers;
    }

    private static Waiver Entry(object? entry, string where, IReadOnlyList<Requirement> catalogue, PublishedIds published)
    {
        if (entry is not Dictionary<string, object?> fields)
        {
            throw new GateInputException($"{where}: each waiver is an object with id, justification and expires.");
        }

        foreach (var key in fields.Keys.Where(k => !KnownFields.Contains(k, StringComparer.Ordinal)))
        {
            throw new GateInputException($"{where}: unknown field '{key}' (known: {string.Join(", ", KnownFields)}).");
        }

        var written = Required(fields, "id", where);
        var id = published.Resolve(written) ?? written;
        if (!catalogue.Any(r => r.Id == id))
        {
            throw new GateInputException($"{where}: '{written}' is not a requirement ID of catalogue {published.CatalogueVersion}.");
        }

        var justification = Required(fields, "justification", where);
        var expiresText = Required(fields, "expires", where);
        if (!DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
        {
            throw new GateInputException($"{where} ({id}): expires '{expiresText}' is not a date of the form YYYY-MM-DD.");
        }

        return new Waiver(id, justification, expires, Optional(fields, "owner", where), Optional(fields, "ticket", where));
    }

    private static string Required(Dictionary<string, object?> fields, string name, string where) =>
        Optional(fields, name, where) ?? throw new GateInputException($"{where}: '{name}' is required and must not be empty.");

    private static string? Optional(Dictionary<string, object?> fields, string name, string where)
    {
        if (!fields.TryGetValue(name, out var value) || value is null)
        {
            return null;
        }

        if (value is not string text)
        {
            throw new GateInputException($"{where}: '{name}' must be a string.");
        }

        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>Both formats become the same tree: objects, lists and strings (YAML scalars stay text, so dates are not reinterpreted).</summary>
    private static object? FromYaml(string text, string source)
    {
        try
        {
            return Normalise(new DeserializerBuilder().Build().Deserialize<object?>(text));
        }
        catch (YamlException e)
        {
            throw new GateInputException($"{source}: not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }
    }

    private static object? FromJson(string text, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return Normalise(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new GateInputException($"{source}: not valid JSON (line {(e.LineNumber ?? 0) + 1}): {e.Message}");
        }
    }

    private static object? Normalise(object? node) => node switch
    {
        JsonElement { ValueKind: JsonValueKind.Object } o => o.EnumerateObject().ToDictionary(p => p.Name, p => Normalise(p.Value), StringComparer.Ordinal),
        JsonElement { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Select(e => Normalise(e)).ToList(),
        JsonElement { ValueKind: JsonValueKind.String } s => s.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement other => other,
        IDictionary<object, object?> map => map.ToDictionary(p => Convert.ToString(p.Key, CultureInfo.InvariantCulture) ?? string.Empty, p => Normalise(p.Value), StringComparer.Ordinal),
        IList<object?> list => list.Select(Normalise).ToList(),
        _ => node,
    };
}
