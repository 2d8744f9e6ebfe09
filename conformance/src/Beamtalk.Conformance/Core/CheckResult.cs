namespace Beamtalk.Conformance.Core;

/// <summary>
/// What one check concluded about one target: a closed set, carried as data from the check to the grader,
/// across the suite's process boundary and into results.json. Nothing downstream infers a verdict from an
/// exception type or a message prefix.
/// </summary>
public abstract record CheckResult
{
    // Closed: only the nested records below derive from it.
    private protected CheckResult(string text)
    {
        Text = text;
    }

    /// <summary>The evidence (for Pass, Violation and Caveat) or the reason (for the others), never holding a secret.</summary>
    public string Text { get; init; }

    /// <summary>The requirement held; <see cref="CheckResult.Text"/> says what was observed.</summary>
    public sealed record Pass : CheckResult
    {
        public Pass(string evidence)
            : base(evidence)
        {
        }
    }

    /// <summary>The requirement does not hold; the evidence says what was observed instead.</summary>
    public sealed record Violation : CheckResult
    {
        public Violation(string evidence)
            : base(evidence)
        {
        }
    }

    /// <summary>A documented accepted risk (a CAVEAT requirement) was shown to behave as documented.</summary>
    public sealed record Caveat : CheckResult
    {
        public Caveat(string evidence)
            : base(evidence)
        {
        }
    }

    /// <summary>
    /// The check could not run: the target lacks the feature, or a prerequisite of the kit is absent
    /// (<see cref="PrerequisiteAbsent"/>: a second OS user, a Docker engine, a browser), which the runner may
    /// refuse to accept as a skip (CI=true).
    /// </summary>
    public sealed record Missing : CheckResult
    {
        public Missing(string reason, bool prerequisiteAbsent = false)
            : base(reason)
        {
            PrerequisiteAbsent = prerequisiteAbsent;
        }

        public bool PrerequisiteAbsent { get; }
    }

    /// <summary>The check ran, but its evidence cannot decide (a measurement too coarse, a control that failed).</summary>
    public sealed record Inconclusive : CheckResult
    {
        public Inconclusive(string reason)
            : base(reason)
        {
        }
    }

    /// <summary>The check itself broke (an I/O error, an unexpected reply): the kit cannot judge.</summary>
    public sealed record Error : CheckResult
    {
        public Error(string reason)
            : base(reason)
        {
        }
    }

    /// <summary>The name used on the wire between the suite and the runner, and in results.json.</summary>
    public string Kind => this switch
    {
        Pass => "pass",
        Violation => "violation",
        Caveat => "caveat",
        Missing => "missing",
        Inconclusive => "inconclusive",
        Error => "error",
        _ => throw new InvalidOperationException($"unknown result {GetType().Name}"),
    };

    public static CheckResult FromKind(string kind, string text) => kind switch
    {
        "pass" => new Pass(text),
        "violation" => new Violation(text),
        "caveat" => new Caveat(text),
        "missing" => new Missing(text),
        "inconclusive" => new Inconclusive(text),
        "error" => new Error(text),
        _ => throw new FormatException($"'{kind}' is not a check result kind."),
    };

    /// <summary>Ends the check from a helper several calls down; <see cref="Checks.CheckExecutor"/> turns it back into this result.</summary>
    public CheckEndedException End() => new(this);
}
