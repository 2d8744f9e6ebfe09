using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Gate;

/// <summary>How a requirement's verdict moved since the baseline run. Only a <see cref="Regression"/> can fail the gate.</summary>
public enum BaselineChange
{
    Unchanged,

    /// <summary>Fails now (Fail or Non-strict, unwaived) and did not then: a new failure.</summary>
    Regression,

    /// <summary>Failed then (Fail or Non-strict), does not fail now.</summary>
    Fixed,

    /// <summary>Was Missing or Inconclusive then (or absent), has a decided verdict now.</summary>
    NewlyCovered,

    /// <summary>Had a decided verdict then, is Missing or Inconclusive now.</summary>
    NoLongerCovered,

    /// <summary>Any other change of verdict, e.g. Pass to Accepted risk.</summary>
    Changed,
}

public sealed record BaselineEntry(string Id, Verdict? Before, Verdict After, BaselineChange Change);

/// <summary>The comparison of this run with an earlier results.json, by requirement ID.</summary>
public sealed record BaselineDiff(string Path, string ResultsSha256, string? CatalogueVersion, IReadOnlyList<BaselineEntry> Entries)
{
    [JsonIgnore]
    public IEnumerable<BaselineEntry> Regressions => Entries.Where(e => e.Change == BaselineChange.Regression);

    public BaselineEntry? For(string id) => Entries.FirstOrDefault(e => e.Id == id);
}

public static class Baseline
{
    public static string Display(BaselineChange change) => change switch
    {
        BaselineChange.Regression => "regression",
        BaselineChange.Fixed => "fixed",
        BaselineChange.NewlyCovered => "newly covered",
        BaselineChange.NoLongerCovered => "no longer covered",
        BaselineChange.Changed => "changed",
        _ => "unchanged",
    };

    /// <exception cref="GateInputException">The file cannot be read or is not a results file.</exception>
    public static BaselineDiff Compare(IReadOnlyList<RequirementResult> current, string path, PublishedIds published)
    {
        byte[] bytes;
        ConformanceResults old;
        try
        {
            bytes = File.ReadAllBytes(path);
            old = ResultsJson.Deserialize(System.Text.Encoding.UTF8.GetString(bytes), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new GateInputException($"baseline {e.Message}");
        }

        // An ID retired since the baseline was written is compared under its successor.
        var before = old.Requirements
            .GroupBy(r => published.Resolve(r.Id) ?? r.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Verdict, StringComparer.Ordinal);
        var entries = current
            .Select(r => Entry(r.Id, before.TryGetValue(r.Id, out var verdict) ? verdict : null, r.Verdict))
            .ToList();
        return new BaselineDiff(path, Convert.ToHexStringLower(SHA256.HashData(bytes)), old.Run.CatalogueVersion, entries);
    }

    public static BaselineEntry Entry(string id, Verdict? before, Verdict after)
    {
        var change = (before, after) switch
        {
            _ when before == after => BaselineChange.Unchanged,
            (not (Verdict.Fail or Verdict.NonStrict), Verdict.Fail or Verdict.NonStrict) => BaselineChange.Regression,
            (Verdict.Fail or Verdict.NonStrict, not (Verdict.Fail or Verdict.NonStrict)) => BaselineChange.Fixed,
            (null or Verdict.Missing or Verdict.Inconclusive, not (Verdict.Missing or Verdict.Inconclusive)) => BaselineChange.NewlyCovered,
            (not (null or Verdict.Missing or Verdict.Inconclusive), Verdict.Missing or Verdict.Inconclusive) => BaselineChange.NoLongerCovered,
            _ => BaselineChange.Changed,
        };
        return new BaselineEntry(id, before, after, change);
    }
}
