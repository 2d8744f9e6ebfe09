using System.Security.Cryptography;
using System.Text;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;
using Xunit;

namespace Beamtalk.ThreatModel.Tests;

public sealed partial class DeterminismTests
{
    private static readonly IReadOnlyList<Requirement> Catalogue = RequirementCatalogue.All;

    private static string Generate(ConformanceResults results) =>
        ThreatModelGenerator.Generate(Catalogue, results, SyntheticResults.ResultsPath, SyntheticResults.Sha256);

    private static ConformanceResults Synthetic => SyntheticResults.For(Catalogue);

    [Fact]
    public void Two_generations_from_the_same_evidence_are_byte_identical()
    {
        Assert.Equal(Generate(Synthetic), Generate(Synthetic));
    }

    [Fact]
    public void Run_facts_appear_only_in_the_evidence_run_section()
    {
        var results = Synthetic with
        {
            Run = new RunInfo(new DateTimeOffset(2031, 1, 2, 3, 4, 5, TimeSpan.Zero), 1234.5, "kit-version-marker")
            {
                KitCommit = "c0ffee1234567",
                CatalogueVersion = "9.9",
                FinishedAt = new DateTimeOffset(2031, 1, 2, 3, 5, 0, TimeSpan.Zero),
            },
        };
        var markdown = Generate(results);
        var start = markdown.IndexOf("\n## Evidence run\n", StringComparison.Ordinal);
        var end = markdown.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var evidence = markdown[start..end];
        var outside = markdown[..start] + markdown[end..];

        foreach (var fact in (string[])["kit-version-marker", "c0ffee1234567", "9.9", "2031-01-02 03:04:05", "2031-01-02 03:05:00", SyntheticResults.Sha256])
        {
            Assert.Contains(fact, evidence, StringComparison.Ordinal);
        }

        foreach (var fact in (string[])["kit-version-marker", "c0ffee1234567", "2031", "1234.5", SyntheticResults.Sha256])
        {
            Assert.DoesNotContain(fact, outside, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_requirement_row_cites_the_run_by_the_results_hash()
    {
        var other = "ab" + SyntheticResults.Sha256[2..];
        var document = new ParsedDocument(ThreatModelGenerator.Generate(Catalogue, Synthetic, SyntheticResults.ResultsPath, other));
        var rows = document.TablesUnder(document.Heading("Requirements by family")).SelectMany(ParsedDocument.Rows).Where(r => r[0] != "ID").ToList();

        Assert.Equal(Catalogue.Count, rows.Count);
        Assert.All(rows, row => Assert.StartsWith($"run {other[..12]}", row[^1], StringComparison.Ordinal));
    }

    [Fact]
    public void Test_durations_do_not_change_the_document()
    {
        var slower = Synthetic with
        {
            Requirements = Synthetic.Requirements
                .Select(r => r with { Tests = r.Tests.Select(t => t with { Seconds = t.Seconds * 10 + 3.25 }).ToList() })
                .ToList(),
        };

        Assert.Equal(Generate(Synthetic), Generate(slower));
    }

    [Fact]
    public void Order_of_results_and_of_tests_in_the_file_does_not_change_the_document()
    {
        var shuffled = Synthetic with
        {
            Requirements = Synthetic.Requirements.Reverse().Select(r => r with { Tests = r.Tests.Reverse().ToList() }).ToList(),
        };

        Assert.Equal(Generate(Synthetic), Generate(shuffled));
    }

    [Fact]
    public void Changing_one_verdict_changes_the_digest()
    {
        var before = Digest(Generate(Synthetic));
        var changed = SyntheticResults.WithResult(Synthetic, "NET-EPHEMERAL", r => r with { Verdict = r.Verdict == Verdict.Pass ? Verdict.Fail : Verdict.Pass });

        var after = Digest(Generate(changed));

        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Changing_only_a_reason_keeps_the_digest()
    {
        var changed = SyntheticResults.WithResult(Synthetic, "NET-EPHEMERAL", r => r with { Reason = "Worded differently." });

        Assert.Equal(Digest(Generate(Synthetic)), Digest(Generate(changed)));
    }

    [Fact]
    public void Digest_is_sha256_of_the_sorted_id_verdict_lines()
    {
        var results = SyntheticResults.Plus(Synthetic, SyntheticResults.Result("ZZ-EXTRA", Verdict.NonStrict, "An unknown result."));
        var lines = results.Requirements
            .Select(r => $"{r.Id}={KebabVerdict(r.Verdict)}")
            .Order(StringComparer.Ordinal);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))))[..16];

        Assert.Equal(expected, Digest(Generate(results)));
    }

    private static string KebabVerdict(Verdict verdict) => verdict switch
    {
        Verdict.NonStrict => "non-strict",
        Verdict.AcceptedRisk => "accepted-risk",
        _ => verdict.ToString().ToLowerInvariant(),
    };

    private static string Digest(string markdown) => DigestPattern().Match(markdown).Groups[1].Value;

    [System.Text.RegularExpressions.GeneratedRegex("Verdict digest: `([0-9a-f]{16})`")]
    private static partial System.Text.RegularExpressions.Regex DigestPattern();
}
