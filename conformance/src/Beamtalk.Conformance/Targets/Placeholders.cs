using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.Targets;

/// <summary>
/// Expands <c>{home}</c>, <c>{workspace}</c>, <c>{workspaceDir}</c>, <c>{targetDir}</c> and
/// <c>{env:NAME}</c> in target-file words. An unknown placeholder is an error, never left as text.
/// </summary>
public static partial class Placeholders
{
    public static string Expand(string word, IReadOnlyDictionary<string, string> values)
    {
        return PlaceholderPattern().Replace(word, match =>
        {
            var name = match.Groups["name"].Value;
            if (name.StartsWith("env:", StringComparison.Ordinal))
            {
                return Environment.GetEnvironmentVariable(name[4..])
                    ?? throw new TargetFileException($"'{word}': environment variable {name[4..]} is not set.");
            }

            return values.TryGetValue(name, out var value)
                ? value
                : throw new TargetFileException($"'{word}': unknown placeholder {{{name}}}.");
        });
    }

    /// <summary>Every placeholder-shaped name in <paramref name="word"/> (<c>home</c>, <c>env:PATH</c>), known or not.</summary>
    public static IEnumerable<string> NamesIn(string word) =>
        PlaceholderPattern().Matches(word).Select(m => m.Groups["name"].Value);

    // Broad on purpose: anything placeholder-shaped ({workspace_dir}, {env:MY-VAR}) is either known or an error.
    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_-]*(:[A-Za-z0-9_.-]+)?)\}")]
    private static partial Regex PlaceholderPattern();
}
