namespace Beamtalk.Conformance.Results;

/// <summary>What one test run reported, before grading.</summary>
public enum TestOutcome
{
    Passed,
    Failed,

    /// <summary>Skipped by the test host without a check result (a filter, an xUnit skip): graded Missing.</summary>
    Skipped,

    NotRun,

    /// <summary>The kit could not judge: the target would not start, or the test itself broke.</summary>
    Errored,

    /// <summary>The check could not run: the target lacks the feature or a prerequisite is absent.</summary>
    Missing,

    /// <summary>The check ran, but its evidence cannot decide.</summary>
    Inconclusive,
}

/// <summary>One test's outcome with the message it gave.</summary>
public sealed record TestRecord(string Name, TestOutcome Outcome, string? Message, double Seconds)
{
    /// <summary>Files the test saved as evidence (screenshots), relative to the run's output folder; null when none.</summary>
    public IReadOnlyList<string>? Attachments { get; init; }
}
