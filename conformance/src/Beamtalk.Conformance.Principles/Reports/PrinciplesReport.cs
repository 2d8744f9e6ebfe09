using System.Text.RegularExpressions;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Principles.Analysis;
using Beamtalk.Conformance.Principles.Rules;

namespace Beamtalk.Conformance.Principles.Reports;

/// <summary>Where a principle stands after the change, worst first.</summary>
public enum PrincipleStatus
{
    Violated,
    Questioned,
    Satisfied,
    Noted,
    Untouched,
}

/// <summary>
/// The check's verdict on one change: findings per principle, the Phase-1 questions the PR description still
/// has to answer, and (when suite results for both sides are given) the verdict changes.
/// </summary>
public sealed partial class PrinciplesReport
{
    public PrinciplesReport(string baseRevision, string headRevision, AnalysisResult analysis, string? prDescription = null, IReadOnlyList<BehaviourChange>? behaviour = null)
    {
        Base = baseRevision;
        Head = headRevision;
        Analysis = analysis;
        Behaviour = behaviour ?? [];
        Answered = Phase1Questions.All
            .Where(q => prDescription is not null && Regex.IsMatch(prDescription, $@"(?im)^\W*{Regex.Escape(Phase1Questions.AnswerKey(q))}\s*:\s*\S"))
            .ToHashSet();
    }

    public string Base { get; }

    public string Head { get; }

    public AnalysisResult Analysis { get; }

    public IReadOnlyList<BehaviourChange> Behaviour { get; }

    /// <summary>Questions the PR description answers with a <c>ADR0058-...:</c> line.</summary>
    public IReadOnlySet<Phase1Question> Answered { get; }

    /// <summary>Findings not acknowledged by a principles-ignore comment.</summary>
    public IEnumerable<Finding> Active => Analysis.Findings.Where(f => f.Acknowledged is null);

    public IEnumerable<Finding> Acknowledged => Analysis.Findings.Where(f => f.Acknowledged is not null);

    public int Violations => Active.Count(f => f.Level == FindingLevel.Violation) + Behaviour.Count(b => b.IsRegression);

    /// <summary>Questions raised by findings that need an answer and that the description does not answer yet.</summary>
    public IReadOnlyList<Phase1Question> OpenQuestions =>
        Active.Where(f => f.Level == FindingLevel.NeedsAnswer && f.Rule.Question != Phase1Question.None)
            .Select(f => f.Rule.Question)
            .Distinct()
            .Where(q => !Answered.Contains(q))
            .Order()
            .ToList();

    /// <summary>Phase-1 questions the change touches at all (pre-answered with evidence when nothing is open).</summary>
    public IReadOnlyList<Phase1Question> TouchedQuestions =>
        Active.Where(f => !f.InTestCode && f.Rule.Question != Phase1Question.None).Select(f => f.Rule.Question).Distinct().Order().ToList();

    /// <summary>The exit-code contract: under --strict, a violation or an unanswered question fails.</summary>
    public bool Passes(bool strict) => !strict || (Violations == 0 && OpenQuestions.Count == 0);

    public IReadOnlyList<Finding> For(Principle principle) =>
        Active.Where(f => f.Rule.Principles.Contains(principle)).ToList();

    public PrincipleStatus StatusOf(Principle principle)
    {
        var findings = For(principle);
        if (findings.Any(f => f.Level == FindingLevel.Violation) || Behaviour.Any(b => b.IsRegression && b.Principles.Contains(principle)))
        {
            return PrincipleStatus.Violated;
        }

        if (findings.Any(f => f.Level == FindingLevel.NeedsAnswer && !Answered.Contains(f.Rule.Question)))
        {
            return PrincipleStatus.Questioned;
        }

        return findings.Any(f => f.Level == FindingLevel.Satisfies && !f.InTestCode) ? PrincipleStatus.Satisfied
            : findings.Count > 0 ? PrincipleStatus.Noted
            : PrincipleStatus.Untouched;
    }

    public static string Display(PrincipleStatus status) => status switch
    {
        PrincipleStatus.Violated => "violated",
        PrincipleStatus.Questioned => "needs an answer",
        PrincipleStatus.Satisfied => "satisfied",
        PrincipleStatus.Noted => "touched (notes only)",
        _ => "not touched",
    };
}
