using System.Text.RegularExpressions;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.ThreatModel.Rendering;
using Beamtalk.ThreatModel.Sections;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Beamtalk.ThreatModel;

/// <summary>Structural checks on a threat-model document, as Markdig parses it.</summary>
public static partial class ThreatModelValidator
{
    /// <summary>The problems found; an empty list means the document is valid.</summary>
    public static IReadOnlyList<string> Validate(string markdown, IReadOnlyList<Requirement> catalogue)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(catalogue);

        var document = ThreatModelMarkdown.Parse(markdown);
        var problems = new List<string>();
        CheckGeneratedHeader(document, markdown, problems);
        CheckRequirementHeadings(document, catalogue, problems);
        CheckInternalLinks(document, problems);
        CheckTables(document, problems);
        return problems;
    }

    private static void CheckGeneratedHeader(MarkdownDocument document, string markdown, List<string> problems)
    {
        var opening = document.Take(2).ToList();
        var hasHeader = opening.Count == 2
            && opening[0] is HeadingBlock { Level: 1 }
            && opening[1] is ParagraphBlock paragraph
            && SourceOf(paragraph, markdown) is var text
            && text.StartsWith(HeaderSection.GeneratedByMarker, StringComparison.Ordinal)
            && DigestPattern().IsMatch(text);
        if (!hasHeader)
        {
            problems.Add(
                "The document does not open with a level-1 title followed by the generated-by line " +
                $"(\"{HeaderSection.GeneratedByMarker}…\" with a 16-hex-digit verdict digest).");
        }
    }

    private static void CheckRequirementHeadings(MarkdownDocument document, IReadOnlyList<Requirement> catalogue, List<string> problems)
    {
        var headingTexts = document.Descendants<HeadingBlock>().Select(ThreatModelMarkdown.TextOf).ToList();
        foreach (var requirement in catalogue)
        {
            var found = headingTexts.Any(text =>
                text.StartsWith(requirement.Id, StringComparison.Ordinal)
                && (text.Length == requirement.Id.Length || char.IsWhiteSpace(text[requirement.Id.Length])));
            if (!found)
            {
                problems.Add($"No heading starts with the requirement ID {requirement.Id}.");
            }
        }
    }

    private static void CheckInternalLinks(MarkdownDocument document, List<string> problems)
    {
        var headingIds = document.Descendants<HeadingBlock>()
            .Select(ThreatModelMarkdown.IdOf)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is { } url && url.StartsWith('#') && !headingIds.Contains(url[1..]))
            {
                problems.Add($"Line {link.Line + 1}: link to '{url}' matches no heading id.");
            }
        }
    }

    private static void CheckTables(MarkdownDocument document, List<string> problems)
    {
        foreach (var table in document.Descendants<Table>())
        {
            var rows = table.OfType<TableRow>().ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var headerCells = WrittenCells(rows[0]);
            if (headerCells != table.ColumnDefinitions.Count)
            {
                problems.Add(
                    $"Line {rows[0].Line + 1}: the table header has {headerCells} cells but its separator row has {table.ColumnDefinitions.Count}.");
            }

            foreach (var row in rows.Skip(1))
            {
                var cells = WrittenCells(row);
                if (cells != headerCells)
                {
                    problems.Add($"Line {row.Line + 1}: the table row has {cells} cells; its header has {headerCells}.");
                }
            }
        }
    }

    /// <summary>
    /// The cells the row has in the source. Markdig pads short rows with cells of its own to make the
    /// table rectangular; those hold no block, while a cell written in the source, even an empty
    /// one, holds a paragraph.
    /// </summary>
    private static int WrittenCells(TableRow row) => row.OfType<TableCell>().Count(cell => cell.Count > 0);

    private static string SourceOf(Block block, string markdown) =>
        block.Span.IsEmpty || block.Span.End >= markdown.Length ? string.Empty : markdown.Substring(block.Span.Start, block.Span.Length);

    [GeneratedRegex(@"Verdict digest: `[0-9a-f]{16}`")]
    private static partial Regex DigestPattern();
}
