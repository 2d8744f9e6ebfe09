using Beamtalk.Conformance.Principles;
using Beamtalk.Conformance.Principles.Analysis;
using Beamtalk.Conformance.Principles.Packs;

namespace Beamtalk.Conformance.Principles.Tests;

/// <summary>The labelled corpus, and how the rules score on it.</summary>
public static class Corpus
{
    private static readonly Dictionary<string, string> DefaultPaths = new()
    {
        ["csharp"] = "src/Feature.cs",
        ["erlang"] = "src/feature.erl",
        ["rust"] = "src/feature.rs",
        ["python"] = "src/feature.py",
        ["shell"] = "scripts/feature.sh",
        ["elixir"] = "lib/feature.ex",
        ["config"] = "deploy/docker-compose.yml",
    };

    public static IReadOnlyList<CorpusCase> Cases { get; } = Load();

    /// <summary>Per rule: true positives, false positives, false negatives over every case of the corpus.</summary>
    public static IReadOnlyList<RuleScore> Score(out IReadOnlyList<string> mismatches)
    {
        var counts = RuleBook.All.ToDictionary(r => r.Id, _ => new int[3]);
        var problems = new List<string>();
        foreach (var corpusCase in Cases)
        {
            var found = PrinciplesAnalyzer.Analyze([corpusCase.File]).Findings.Select(f => (f.Rule.Id, Line: f.Where.Removed ? -f.Where.Line : f.Where.Line)).ToHashSet();
            var expected = corpusCase.Expected.ToHashSet();
            foreach (var hit in found)
            {
                counts[hit.Id][expected.Contains(hit) ? 0 : 1]++;
                if (!expected.Contains(hit))
                {
                    problems.Add($"{corpusCase}: unexpected {hit.Id}@{hit.Line}");
                }
            }

            foreach (var missed in expected.Where(e => !found.Contains(e)))
            {
                counts[missed.Rule][2]++;
                problems.Add($"{corpusCase}: missed {missed.Rule}@{missed.Line}");
            }
        }

        mismatches = problems;
        return counts.Select(c => new RuleScore(c.Key, c.Value[0], c.Value[1], c.Value[2])).ToList();
    }

    private static List<CorpusCase> Load()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Corpus");
        return Directory.GetFiles(directory, "*.corpus").Order(StringComparer.Ordinal)
            .SelectMany(file => CorpusCase.Parse(Path.GetFileName(file), File.ReadAllText(file), DefaultPaths[Path.GetFileNameWithoutExtension(file)]))
            .ToList();
    }
}

public sealed record RuleScore(string RuleId, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
}
