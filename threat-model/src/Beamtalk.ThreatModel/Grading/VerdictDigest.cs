using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;

namespace Beamtalk.ThreatModel.Grading;

/// <summary>
/// A short fingerprint of the verdicts in a results file, printed in the document so an auditor
/// can tie the document to the file it came from without trusting the generator.
/// </summary>
internal static class VerdictDigest
{
    public const int Length = 16;

    /// <summary>
    /// The first 16 hex characters of SHA-256 over the lines "ID=verdict", verdicts spelt as in
    /// results.json (e.g. "non-strict"), sorted by ID, joined with "\n" and no final newline.
    /// </summary>
    public static string Of(ConformanceResults results)
    {
        var lines = results.Requirements
            .Select(r => (Id: r.Id ?? string.Empty, Verdict: FileSpelling(r.Verdict)))
            .OrderBy(line => line.Id, StringComparer.Ordinal)
            .ThenBy(line => line.Verdict, StringComparer.Ordinal)
            .Select(line => $"{line.Id}={line.Verdict}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        return Convert.ToHexStringLower(hash)[..Length];
    }

    /// <summary>The verdict as ResultsJson writes it.</summary>
    public static string FileSpelling(Verdict verdict) => JsonNamingPolicy.KebabCaseLower.ConvertName(verdict.ToString());
}
