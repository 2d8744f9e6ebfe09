using System.Text;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Beamtalk.ThreatModel.Rendering;

/// <summary>
/// The one Markdig configuration the generator and the validator share, so that the heading ids
/// the generator links to are the ids the validator (and any Markdig renderer) computes.
/// </summary>
internal static class ThreatModelMarkdown
{
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        // GitHub-style ids first (UseAdvancedExtensions keeps an extension already added), so the
        // document's in-page links also work where auditors usually read it: on GitHub.
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseAdvancedExtensions()
        .Build();

    public static MarkdownDocument Parse(string markdown) => Markdig.Markdown.Parse(markdown, Pipeline);

    /// <summary>The id AutoIdentifiers gave the heading; links to it are "#" + this.</summary>
    public static string? IdOf(HeadingBlock heading) => heading.GetAttributes().Id;

    /// <summary>The heading as a reader sees it: escapes resolved, code and emphasis flattened.</summary>
    public static string TextOf(HeadingBlock heading)
    {
        var text = new StringBuilder();
        if (heading.Inline is not null)
        {
            AppendText(heading.Inline, text);
        }

        return text.ToString();
    }

    private static void AppendText(Inline inline, StringBuilder text)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    AppendText(child, text);
                }

                break;
        }
    }
}
