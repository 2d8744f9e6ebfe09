using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;
using Markdig.Syntax;
using Xunit;

namespace Beamtalk.ThreatModel.Tests;

/// <summary>Text from a results file is data: whatever it contains, the document keeps its structure.</summary>
public sealed class HostileTextTests
{
    private static readonly IReadOnlyList<Requirement> Catalogue = RequirementCatalogue.All;

    public static TheoryData<string> HostileTexts =>
    [
        "a | b | c",
        "first line\nsecond line\r\nthird\rfourth",
        "# heading\n## another heading",
        "[x](#nope) and [y](https://example.com) and ![img](#nope)",
        "`code` ``double`` ```fence```",
        "<a href=\"#nope\">html</a> <script>alert(1)</script> &amp; &#35;",
        "*em* _em_ **strong** ~~gone~~ ~sub~ ^sup^ ++ins++ ==mark== \"\"cite\"\" $x$",
        "http://example.com/x mailto:a@b.c tel:123 www.example.com",
        "back\\slash \\| \\# \\[x\\](#nope)",
        "trailing pipe |",
        "| --- | --- |",
        "{#injected .class}",
        "\n- list item\n> quote\n1. numbered",
        "[^1]: footnote\n*[ABBR]: abbreviation",
    ];

    // A CAVEAT requirement, so the reason is printed both in a detail list and in the caveats table.
    private const string Target = "CT-ROOT-READS-COOKIE";

    private static ConformanceResults ResultsWithReason(string reason) =>
        SyntheticResults.WithResult(SyntheticResults.For(Catalogue), Target, r => r with { Reason = reason, Verdict = Verdict.Fail });

    private static string Flattened(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Hostile_reason_keeps_the_document_valid(string reason)
    {
        var markdown = ThreatModelGenerator.Generate(Catalogue, ResultsWithReason(reason), SyntheticResults.ResultsPath, SyntheticResults.Sha256);

        Assert.Empty(ThreatModelValidator.Validate(markdown, Catalogue));
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Hostile_reason_adds_no_heading_link_or_block(string reason)
    {
        var baseline = new ParsedDocument(ThreatModelGenerator.Generate(Catalogue, ResultsWithReason("plain"), SyntheticResults.ResultsPath, SyntheticResults.Sha256));
        var hostile = new ParsedDocument(ThreatModelGenerator.Generate(Catalogue, ResultsWithReason(reason), SyntheticResults.ResultsPath, SyntheticResults.Sha256));

        Assert.Equal(baseline.Headings.Select(ParsedDocument.TextOf), hostile.Headings.Select(ParsedDocument.TextOf));
        Assert.Equal(baseline.InternalLinkTargets, hostile.InternalLinkTargets);
        Assert.Equal(
            baseline.Document.Descendants().Select(o => o.GetType().Name).Where(IsStructural),
            hostile.Document.Descendants().Select(o => o.GetType().Name).Where(IsStructural));
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Hostile_reason_reads_back_verbatim_on_one_line(string reason)
    {
        var document = new ParsedDocument(ThreatModelGenerator.Generate(Catalogue, ResultsWithReason(reason), SyntheticResults.ResultsPath, SyntheticResults.Sha256));

        var detail = document.PlainTextUnder(document.HeadingStartingWith(Target));
        var caveatRow = ParsedDocument.Rows(document.TablesUnder(document.Heading("Caveats and accepted risks"))[0]).Single(r => r[0] == Target);

        Assert.Contains($"Reason: {Flattened(reason)}", detail, StringComparison.Ordinal);
        Assert.Equal(Flattened(reason).Trim(), caveatRow[4]);
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Hostile_test_names_stay_inside_their_table_cells(string name)
    {
        var results = SyntheticResults.WithResult(SyntheticResults.For(Catalogue), "ISO-HALT", r => r with
        {
            Tests = [new TestRecord(name, TestOutcome.Passed, name, 0.1)],
        });
        var markdown = ThreatModelGenerator.Generate(Catalogue, results, SyntheticResults.ResultsPath, SyntheticResults.Sha256);
        var document = new ParsedDocument(markdown);

        Assert.Empty(ThreatModelValidator.Validate(markdown, Catalogue));
        var rows = ParsedDocument.Rows(document.TablesUnder(document.HeadingStartingWith("ISO-HALT")).Single());
        // A table cell drops the spaces around its content; nothing else may change, in the name or in the evidence.
        Assert.Equal([Flattened(name).Trim(), "Passed", Flattened(name).Trim()], rows[1]);
    }

    [Fact]
    public void Hostile_target_name_results_path_and_unknown_result_keep_the_document_valid()
    {
        const string Nasty = "x | y\n# z [a](#nope) `b` ``c";
        var results = SyntheticResults.Plus(SyntheticResults.For(Catalogue), new RequirementResult(
            Nasty, RequirementLevel.Must, Nasty, Verdict.Pass, Nasty, [new TestRecord(Nasty, TestOutcome.Passed, null, 0)]));
        results = results with { Target = new TargetInfo(Nasty, Nasty, null) };

        var markdown = ThreatModelGenerator.Generate(Catalogue, results, "`odd` path|with\nnewline", SyntheticResults.Sha256);
        var document = new ParsedDocument(markdown);

        Assert.Empty(ThreatModelValidator.Validate(markdown, Catalogue));
        var unknown = ParsedDocument.Rows(document.TablesUnder(document.Heading("Unknown results")).Single());
        Assert.Equal(Flattened(Nasty), unknown[1][0]);
        Assert.Equal(Flattened(Nasty), unknown[1][4]);
        var provenance = ParsedDocument.TextOf(document.Document[1]);
        Assert.Contains("from `odd` path|with newline for target x | y # z [a](#nope) `b` ``c.", provenance, StringComparison.Ordinal);
    }

    // Emphasis, code, HTML, math and the like would be structure the reason smuggled in.
    private static bool IsStructural(string typeName) => typeName is not ("LiteralInline" or "ContainerInline");
}
