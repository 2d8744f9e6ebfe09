using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Reports;
using Beamtalk.Conformance.Results;
using static Beamtalk.Conformance.SelfTests.Unit.Samples;

namespace Beamtalk.Conformance.SelfTests.Unit;

public sealed class MarkdownReportTests
{
    private const string RequirementsHeader = "| ID | Level | Requirement | Verdict | Reason |";

    private static string[] Lines(ConformanceResults results) => MarkdownReport.Write(results).Split('\n');

    /// <summary>The rows of the requirements table, header and delimiter row excluded.</summary>
    private static List<string> RequirementRows(ConformanceResults results) =>
        [.. Lines(results).SkipWhile(l => l != RequirementsHeader).Skip(2).TakeWhile(l => l.StartsWith('|'))];

    /// <summary>
    /// The cells of a table row as a GFM table parser sees them: a backslash escapes the next character
    /// (so "\\" is a literal backslash and the pipe after it ends the cell). This is the rule of CommonMark
    /// and of Markdig, which the threat model uses (Markdig 1.6.0 reads "| x | a \\| b |" as three cells).
    /// </summary>
    private static List<string> Cells(string row)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var text = row.Trim();
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                cell.Append(text[i]).Append(text[++i]);
            }
            else if (text[i] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(text[i]);
            }
        }

        return cells;
    }

    [Fact]
    public void The_gate_line_says_fail_when_a_must_failed()
    {
        var lines = Lines(OneOfEachVerdict());

        Assert.Contains(lines, l => l.StartsWith("**Gate: FAIL**: ", StringComparison.Ordinal) && l.Contains("(MUST): Fail", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Gate: PASS", StringComparison.Ordinal));
    }

    [Fact]
    public void The_gate_line_says_pass_when_only_a_should_failed()
    {
        var results = ResultsOf(
            Result("NET-ONE", RequirementLevel.Must, Verdict.Pass),
            Result("NET-TWO", RequirementLevel.Should, Verdict.NonStrict),
            Result("NET-THREE", RequirementLevel.Must, Verdict.Missing),
            Result("NET-FOUR", RequirementLevel.Must, Verdict.Inconclusive));

        Assert.Contains(Lines(results), l => l.StartsWith("**Gate: PASS**. The gate fails on an unwaived MUST failure", StringComparison.Ordinal));
    }

    [Fact]
    public void There_is_one_row_per_requirement_in_order()
    {
        var results = OneOfEachVerdict();

        var rows = RequirementRows(results);

        Assert.Equal(results.Requirements.Select(r => r.Id), rows.Select(r => Cells(r)[0]));
        Assert.All(rows, r => Assert.Equal(5, Cells(r).Count));
    }

    [Fact]
    public void A_row_shows_level_title_verdict_and_the_first_line_of_the_reason()
    {
        var row = RequirementRows(OneOfEachVerdict()).Single(r => r.StartsWith("| AUTH-FAIL |", StringComparison.Ordinal));

        Assert.Equal(["AUTH-FAIL", "MUST", "Title of AUTH-FAIL", "Fail", "AUTH-FAIL: a wrong cookie was accepted."], Cells(row));
    }

    [Fact]
    public void The_counts_table_has_every_verdict_with_its_count()
    {
        var lines = Lines(OneOfEachVerdict());

        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            Assert.Contains($"| {VerdictText.Display(verdict)} | 1 |", lines);
        }
    }

    [Theory]
    [InlineData("AUTH-X: got a|b instead of auth_error")]
    [InlineData("| leading and trailing |")]
    [InlineData("||||")]
    [InlineData("a pipe | and a CR \r in one line")]
    public void A_reason_with_pipes_does_not_add_table_columns(string reason)
    {
        var results = ResultsOf(Result("AUTH-X", RequirementLevel.Must, Verdict.Fail, reason), Result("AUTH-Y", RequirementLevel.Must, Verdict.Pass));

        var rows = RequirementRows(results);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(5, Cells(r).Count));
    }

    [Theory]
    [InlineData(@"expected the JSON string ""\|"" to be refused")]
    [InlineData(@"ends with a backslash \")]
    public void A_reason_with_a_backslash_does_not_add_table_columns(string reason)
    {
        var results = ResultsOf(Result("AUTH-X", RequirementLevel.Must, Verdict.Fail, reason), Result("AUTH-Y", RequirementLevel.Must, Verdict.Pass));

        var rows = RequirementRows(results);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(5, Cells(r).Count));
    }

    [Fact]
    public void A_title_with_a_pipe_does_not_add_table_columns()
    {
        var results = ResultsOf(new RequirementResult("NET-X", RequirementLevel.Must, "Loopback | Unix only", Verdict.Pass, "ok", []));

        Assert.Equal(5, Cells(Assert.Single(RequirementRows(results))).Count);
    }

    [Fact]
    public void Only_the_first_line_of_a_reason_is_in_the_table_and_the_whole_message_is_in_the_evidence()
    {
        var text = MarkdownReport.Write(OneOfEachVerdict());

        Assert.DoesNotContain(RequirementRows(OneOfEachVerdict()), r => r.Contains("Second line", StringComparison.Ordinal));
        Assert.Contains("### AUTH-FAIL: Fail", text, StringComparison.Ordinal);
        Assert.Contains("- `Auth.Fail`: Failed (2.25 s)", text, StringComparison.Ordinal);
        Assert.Contains("  AUTH-FAIL: accepted.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_with_a_code_fence_cannot_close_the_evidence_block()
    {
        var results = ResultsOf(Result("NET-X", RequirementLevel.Must, Verdict.Fail, "x", Test(TestOutcome.Failed, "before\n```\n# not a heading")));

        var lines = Lines(results);

        Assert.Equal(2, lines.Count(l => l.Trim() == "```text" || l.Trim() == "```"));
        Assert.DoesNotContain("# not a heading", lines);
    }

    [Fact]
    public void Requirements_without_tests_have_no_evidence_section()
    {
        var text = MarkdownReport.Write(OneOfEachVerdict());

        Assert.DoesNotContain("### BR-MISSING", text, StringComparison.Ordinal);
        Assert.DoesNotContain("### CT-WAIVED", text, StringComparison.Ordinal);
    }
}
