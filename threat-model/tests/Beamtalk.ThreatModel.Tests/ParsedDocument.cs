using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Beamtalk.ThreatModel.Tests;

/// <summary>A generated document as Markdig sees it, with the lookups the tests need.</summary>
internal sealed class ParsedDocument
{
    public ParsedDocument(string markdown)
    {
        Markdown = markdown;
        // The generator's own parse: tests must see the heading ids the generator links to.
        Document = Rendering.ThreatModelMarkdown.Parse(markdown);
    }

    public string Markdown { get; }

    public MarkdownDocument Document { get; }

    public IReadOnlyList<HeadingBlock> Headings => Document.Descendants<HeadingBlock>().ToList();

    public IReadOnlyList<string> HeadingTexts(int level) =>
        Headings.Where(h => h.Level == level).Select(TextOf).ToList();

    public HeadingBlock Heading(string text) => Headings.Single(h => TextOf(h) == text);

    public HeadingBlock HeadingStartingWith(string prefix) =>
        Headings.Single(h => TextOf(h).StartsWith(prefix + " ", StringComparison.Ordinal));

    public static string IdOf(HeadingBlock heading) => heading.GetAttributes().Id ?? string.Empty;

    /// <summary>The blocks after a heading, up to the next heading of the same or a higher level.</summary>
    public IReadOnlyList<Block> SectionUnder(HeadingBlock heading)
    {
        var blocks = Document.ToList();
        var start = blocks.IndexOf(heading) + 1;
        return blocks.Skip(start).TakeWhile(b => b is not HeadingBlock h || h.Level > heading.Level).ToList();
    }

    public string PlainTextUnder(HeadingBlock heading) =>
        string.Join("\n", SectionUnder(heading).Select(TextOf));

    public IReadOnlyList<Table> TablesUnder(HeadingBlock heading) =>
        SectionUnder(heading).SelectMany(b => b is Table table ? [table] : b.Descendants<Table>()).ToList();

    public static IReadOnlyList<IReadOnlyList<string>> Rows(Table table) =>
        table.OfType<TableRow>().Select(row => (IReadOnlyList<string>)row.OfType<TableCell>().Select(CellText).ToList()).ToList();

    public static string CellText(TableCell cell) =>
        string.Concat(cell.Descendants<ParagraphBlock>().Select(p => InlineText(p.Inline)));

    public static IReadOnlyList<string> LinkTargets(Block block) =>
        block.Descendants<LinkInline>().Select(l => l.Url ?? string.Empty).ToList();

    public IReadOnlyList<string> InternalLinkTargets =>
        Document.Descendants<LinkInline>().Select(l => l.Url ?? string.Empty).Where(u => u.StartsWith('#')).ToList();

    public static string TextOf(HeadingBlock heading) => InlineText(heading.Inline);

    /// <summary>The text a reader sees in a block, one line per paragraph.</summary>
    public static string TextOf(Block block) => block switch
    {
        HeadingBlock heading => TextOf(heading),
        LeafBlock leaf => InlineText(leaf.Inline),
        ContainerBlock container => string.Join("\n", container.Select(TextOf)),
        _ => string.Empty,
    };

    private static string InlineText(ContainerInline? inline) =>
        inline is null ? string.Empty : string.Concat(inline.Descendants<Inline>().Select(i => i switch
        {
            LiteralInline literal => literal.Content.ToString(),
            CodeInline code => code.Content,
            LineBreakInline => " ",
            _ => string.Empty,
        }));
}
