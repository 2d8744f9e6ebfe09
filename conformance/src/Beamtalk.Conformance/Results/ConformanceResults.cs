namespace Beamtalk.Conformance.Results;

/// <summary>Which implementation was checked.</summary>
public sealed record TargetInfo(string Name, string Description, string? TargetFile);

/// <summary>When and how a run happened. Volatile: reports that must be reproducible leave it out.</summary>
public sealed record RunInfo(DateTimeOffset StartedAt, double DurationSeconds, string KitVersion);

/// <summary>The contents of results.json: every catalogue requirement with its verdict.</summary>
public sealed record ConformanceResults(
    int SchemaVersion,
    TargetInfo Target,
    RunInfo Run,
    IReadOnlyList<RequirementResult> Requirements)
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>True when no MUST requirement failed: the gate passes.</summary>
    public bool GatePasses =>
        !Requirements.Any(r => r.Level == Catalogue.RequirementLevel.Must && r.Verdict == Verdict.Fail);

    public int Count(Verdict verdict) => Requirements.Count(r => r.Verdict == verdict);
}
