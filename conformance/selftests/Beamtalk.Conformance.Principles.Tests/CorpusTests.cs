using System.Globalization;
using System.Text;
using Beamtalk.Conformance.Principles.Packs;
using Beamtalk.Conformance.Principles.Source;

namespace Beamtalk.Conformance.Principles.Tests;

public sealed class CorpusTests
{
    [Fact]
    public void Every_rule_has_a_case_it_must_flag_and_a_look_alike_it_must_not()
    {
        var missing = RuleBook.All
            .SelectMany(rule => new[] { (rule.Id, Flag: true), (rule.Id, Flag: false) })
            .Where(need => !Corpus.Cases.Any(c => c.RuleId == need.Id && c.MustFlag == need.Flag))
            .Select(need => $"{need.Id} has no {(need.Flag ? "flag" : "clean")} case")
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Flag_cases_expect_their_own_rule_and_clean_cases_do_not()
    {
        var wrong = Corpus.Cases
            .Where(c => c.MustFlag != c.Expected.Any(e => e.Rule == c.RuleId))
            .Select(c => c.ToString())
            .ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void Every_case_names_a_rule_that_exists()
    {
        Assert.Empty(Corpus.Cases.Where(c => RuleBook.Find(c.RuleId) is null || c.Expected.Any(e => RuleBook.Find(e.Rule) is null)).Select(c => c.ToString()));
    }

    [Fact]
    public void Rules_find_exactly_what_the_corpus_expects_and_the_scores_are_printed()
    {
        var scores = Corpus.Score(out var mismatches);
        var table = ScoreTable(scores);
        Console.WriteLine(table);
        TestContext.Current.SendDiagnosticMessage(table);
        File.WriteAllText(ReportPath(), table);

        Assert.True(mismatches.Count == 0, "The rules disagree with the corpus:\n" + string.Join("\n", mismatches));
    }

    internal static string ScoreTable(IReadOnlyList<RuleScore> scores)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Principles corpus: {Corpus.Cases.Count} cases, {RuleBook.All.Count} rules.");
        text.AppendLine("rule                                  TP  FP  FN  precision  recall");
        foreach (var score in scores.OrderBy(s => s.RuleId, StringComparer.Ordinal))
        {
            text.AppendLine(c, $"{score.RuleId,-36} {score.TruePositives,3} {score.FalsePositives,3} {score.FalseNegatives,3}  {score.Precision,9:0.00}  {score.Recall,6:0.00}");
        }

        foreach (var language in Enum.GetValues<Source.Language>())
        {
            var prefix = Rules.Rule.Prefix(language) + "-";
            var mine = scores.Where(s => s.RuleId.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            var total = new RuleScore(prefix, mine.Sum(s => s.TruePositives), mine.Sum(s => s.FalsePositives), mine.Sum(s => s.FalseNegatives));
            text.AppendLine(c, $"{Languages.DisplayName(language)}: {mine.Count} rules, precision {total.Precision:0.00}, recall {total.Recall:0.00} (TP {total.TruePositives}, FP {total.FalsePositives}, FN {total.FalseNegatives})");
        }

        var all = new RuleScore("all", scores.Sum(s => s.TruePositives), scores.Sum(s => s.FalsePositives), scores.Sum(s => s.FalseNegatives));
        text.AppendLine(c, $"All rules: precision {all.Precision:0.00}, recall {all.Recall:0.00} (TP {all.TruePositives}, FP {all.FalsePositives}, FN {all.FalseNegatives}).");
        return text.ToString();
    }

    /// <summary>artifacts/principles-corpus.txt at the repository root (make test prints it), or next to the tests.</summary>
    private static string ReportPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Beamtalk.sln")))
            {
                var artifacts = Directory.CreateDirectory(Path.Combine(directory.FullName, "artifacts"));
                return Path.Combine(artifacts.FullName, "principles-corpus.txt");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "principles-corpus.txt");
    }
}
