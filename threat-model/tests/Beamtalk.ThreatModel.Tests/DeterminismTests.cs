using System.Security.Cryptography;
using System.Text;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Results;
using Xunit;

namespace Beamtalk.ThreatModel.Tests;

public sealed partial class DeterminismTests
{
    private static readonly IReadOnlyList<Requirement> Catalogue = RequirementCatalogue.All;

    private static string Generate(ConformanceResults results) =>
        ThreatModelGenerator.Generate(Catalogue, results, SyntheticResults.ResultsPath);

    private static ConformanceResults Synthetic => SyntheticResults.For(Catalogue);

    [Fact]
    public void Two_generations_from_the_same_evidence_are_byte_identical()
    {
        Assert.Equal(Generate(Synthetic), Generate(Synthetic));
    }

    [Fact]
    public void Run_timestamp_duration_and_kit_version_do_not_change_the_document()
    {
        var later = Synthetic with { Run = new RunInfo(new DateTimeOffset(2031, 1, 2, 3, 4, 5, TimeSpan.FromHours(9)), 9999.0, "7.7.7") };

        Assert.Equal(Generate(Synthetic), Generate(later));
    }

    [Fact]
    public void Run_information_never_appears_in_the_document()
    {
        var results = Synthetic with { Run = new RunInfo(new DateTimeOffset(2031, 1, 2, 3, 4, 5, TimeSpan.Zero), 1234.5, "kit-version-marker") };

        var markdown = Generate(results);

        Assert.DoesNotContain("kit-version-marker", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("2031", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("1234.5", markdown, StringComparison.Ordinal);
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
