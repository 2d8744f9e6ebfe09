using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Beamtalk.Conformance.Core;

/// <summary>
/// A check's result as one line of its test's output: how a result crosses from the suite's test process to the
/// runner as data. The runner reads the line; xUnit's own pass/fail/skip only mirrors it for people running the
/// suite by hand.
/// </summary>
public static class CheckResultLine
{
    public const string Marker = "##beamtalk-check-result ";

    public static string Format(string requirementId, string check, CheckResult result) =>
        Marker + JsonSerializer.Serialize(new Line(requirementId, check, result.Kind, result.Text));

    /// <summary>Finds the last result line in a test's output.</summary>
    public static bool TryFind(string? output, [NotNullWhen(true)] out string? requirementId, [NotNullWhen(true)] out CheckResult? result)
    {
        requirementId = null;
        result = null;
        var line = output?.Split('\n').LastOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (line is null || JsonSerializer.Deserialize<Line>(line[Marker.Length..]) is not { } parsed)
        {
            return false;
        }

        requirementId = parsed.Requirement;
        result = CheckResult.FromKind(parsed.Kind, parsed.Text);
        return true;
    }

    private sealed record Line(string Requirement, string Check, string Kind, string Text);
}
