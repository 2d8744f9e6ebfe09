namespace Beamtalk.ThreatModel.Rendering;

/// <summary>
/// Builds a Markdown document block by block with "\n" line endings. Every argument is already
/// Markdown (callers escape untrusted text with <see cref="MarkdownText"/>); the writer refuses
/// fragments that would span lines or split a table cell, so structure is decided here only.
/// </summary>
internal sealed class MarkdownWriter
{
    private readonly List<string> lines = [];
    private readonly Dictionary<string, int> headingLineByKey = new(StringComparer.Ordinal);

    /// <summary>The 0-based line of each heading written with an anchor key.</summary>
    public IReadOnlyDictionary<string, int> HeadingLines => headingLineByKey;

    public void Heading(int level, string markdown, string? anchorKey = null)
    {
        if (level is < 1 or > 6)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Markdown headings have levels 1 to 6.");
        }

        StartBlock();
        if (anchorKey is not null)
        {
            headingLineByKey.Add(anchorKey, lines.Count);
        }

        lines.Add($"{new string('#', level)} {SingleLine(markdown)}");
    }

    public void Paragraph(string markdown)
    {
        StartBlock();
        lines.Add(SingleLine(markdown));
    }

    public void Bullets(IEnumerable<string> items)
    {
        StartBlock();
        lines.AddRange(items.Select(item => $"- {SingleLine(item)}"));
    }

    public void NumberedList(IEnumerable<string> items)
    {
        StartBlock();
        lines.AddRange(items.Select((item, index) => $"{index + 1}. {SingleLine(item)}"));
    }

    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        StartBlock();
        lines.Add(TableRow(header, header.Count));
        lines.Add(TableRow(header.Select(_ => "---").ToList(), header.Count));
        lines.AddRange(rows.Select(row => TableRow(row, header.Count)));
    }

    public void CodeBlock(string language, IReadOnlyList<string> code)
    {
        var fence = MarkdownText.FenceFor(code);
        StartBlock();
        lines.Add(fence + language);
        lines.AddRange(code.Select(SingleLine));
        lines.Add(fence);
    }

    public override string ToString() => string.Join('\n', lines) + "\n";

    private void StartBlock()
    {
        if (lines.Count > 0)
        {
            lines.Add(string.Empty);
        }
    }

    private static string TableRow(IReadOnlyList<string> cells, int columns)
    {
        if (cells.Count != columns)
        {
            throw new ArgumentException($"A table row has {cells.Count} cells; the header has {columns}.", nameof(cells));
        }

        foreach (var cell in cells)
        {
            if (HasUnescapedPipe(cell))
            {
                throw new ArgumentException($"Table cell '{cell}' contains an unescaped '|'.", nameof(cells));
            }
        }

        return $"| {string.Join(" | ", cells.Select(SingleLine))} |";
    }

    private static string SingleLine(string markdown) =>
        markdown.Contains('\n', StringComparison.Ordinal) || markdown.Contains('\r', StringComparison.Ordinal)
            ? throw new ArgumentException($"Markdown fragment spans lines: '{markdown}'.", nameof(markdown))
            : markdown;

    private static bool HasUnescapedPipe(string cell)
    {
        var backslashes = 0;
        foreach (var c in cell)
        {
            if (c == '|' && backslashes % 2 == 0)
            {
                return true;
            }

            backslashes = c == '\\' ? backslashes + 1 : 0;
        }

        return false;
    }
}
