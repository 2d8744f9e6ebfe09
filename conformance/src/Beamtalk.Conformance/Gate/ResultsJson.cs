using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beamtalk.Conformance.Gate;

/// <summary>Reads and writes results.json. One serializer configuration for every reader and writer.</summary>
public static class ResultsJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(ConformanceResults results) => JsonSerializer.Serialize(results, Options);

    /// <exception cref="InvalidDataException">The text is not a results file this kit can read.</exception>
    public static ConformanceResults Deserialize(string json, string source)
    {
        ConformanceResults? results;
        try
        {
            results = JsonSerializer.Deserialize<ConformanceResults>(json, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a valid results file: {e.Message}", e);
        }

        if (results is null || results.Requirements is null || results.Target is null || results.Run is null)
        {
            throw new InvalidDataException($"{source}: not a valid results file: required sections are missing.");
        }

        if (results.SchemaVersion != ConformanceResults.CurrentSchemaVersion)
        {
            throw new InvalidDataException(
                $"{source}: results schema version {results.SchemaVersion} is not supported (expected {ConformanceResults.CurrentSchemaVersion}).");
        }

        return results;
    }

    public static ConformanceResults Load(string path) => Deserialize(File.ReadAllText(path), path);
}
