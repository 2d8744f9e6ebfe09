using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Gate;

/// <summary>Which implementation was checked. Never holds a secret: a name, a description, the target file's path.</summary>
public sealed record TargetInfo(string Name, string Description, string? TargetFile)
{
    /// <summary>The implementation's revision when known, e.g. the commit the reference was built from.</summary>
    public string? Revision { get; init; }
}

/// <summary>When and with what a run happened. Volatile: reports that must be reproducible leave it out.</summary>
public sealed record RunInfo(DateTimeOffset StartedAt, double DurationSeconds, string KitVersion)
{
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The commit the kit was built from, when the build knew it.</summary>
    public string? KitCommit { get; init; }

    /// <summary>The catalogue version from the published-ID registry; IDs keep their meaning within and across versions.</summary>
    public string? CatalogueVersion { get; init; }

    public string? Hostname { get; init; }

    /// <summary>The selection as given on the command line, e.g. "--only NET-* --level all".</summary>
    public string? Selection { get; init; }
}

/// <summary>The contents of results.json: every selected requirement with its verdict, and how the gate decided.</summary>
public sealed record ConformanceResults(
    int SchemaVersion,
    TargetInfo Target,
    RunInfo Run,
    IReadOnlyList<RequirementResult> Requirements)
{
    public const int CurrentSchemaVersion = 2;

    private readonly GateOutcome? _gate;

    /// <summary>
    /// The gate's decision, as the run made it. Results built without one (older files, tests) get the
    /// default policy's decision over <see cref="Requirements"/>: no unwaived MUST failed.
    /// </summary>
    public GateOutcome Gate
    {
        get => _gate ?? GatePolicy.Default.Decide(Requirements, null);
        init => _gate = value;
    }

    public IReadOnlyList<WaiverOutcome> Waivers { get; init; } = [];

    public BaselineDiff? Baseline { get; init; }

    public int Count(Verdict verdict) => Requirements.Count(r => r.Verdict == verdict);
}
