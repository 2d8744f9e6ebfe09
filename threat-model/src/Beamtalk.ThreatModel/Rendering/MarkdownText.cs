using System.Text;

namespace Beamtalk.ThreatModel.Rendering;

/// <summary>
/// Turns arbitrary text into Markdown that renders as exactly that text, on one line. Reasons,
/// test names and target names come from results files and must never create structure
/// (headings, links, tables cells, emphasis) in the generated document.
/// </summary>
internal static class MarkdownText
{
    // Characters that start inline structure in CommonMark or in Markdig's advanced extensions:
    // code, emphasis, links, HTML, headings, tables, strikethrough/subscript, superscript,
    // generic attributes, math, entities, block quotes.
    private const string AlwaysEscaped = "\\`*_[]<>#|~^{}$&";

    // Harmless alone, structural when doubled: ++inserted++, ==marked==, ""citation"".
    private const string EscapedWhenDoubled = "+=\"";

    /// <summary>Escapes text for a paragraph, list item, heading or table cell. Line breaks become spaces.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var line = OneLine(text);
        var escaped = new StringBuilder(line.Length + 8);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (NeedsEscape(line, i))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>A code span showing the text literally, whatever backticks it contains.</summary>
    public static string Code(string? text)
    {
        var line = OneLine(text ?? string.Empty);
        var fence = new string('`', LongestBacktickRun(line) + 1);

        // A space on each side keeps a leading or trailing backtick from joining the fence;
        // CommonMark strips exactly one such space again.
        var padding = line.StartsWith('`') || line.EndsWith('`') || (line.StartsWith(' ') && line.EndsWith(' ')) ? " " : string.Empty;
        return fence + padding + line + padding + fence;
    }

    /// <summary>A backtick fence longer than any run of backticks in the lines it will enclose.</summary>
    public static string FenceFor(IEnumerable<string> lines) =>
        new('`', Math.Max(3, lines.Select(LongestBacktickRun).DefaultIfEmpty(0).Max() + 1));

    public static string OneLine(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');

    private static bool NeedsEscape(string line, int index)
    {
        var c = line[index];
        if (AlwaysEscaped.Contains(c, StringComparison.Ordinal))
        {
            return true;
        }

        if (EscapedWhenDoubled.Contains(c, StringComparison.Ordinal))
        {
            return At(line, index - 1) == c || At(line, index + 1) == c;
        }

        return c switch
        {
            // A colon glued between a letter and more text may end a URI scheme
            // (http:, mailto:, tel:), which the autolink extension would turn into a link.
            ':' => char.IsAsciiLetter(At(line, index - 1)) && At(line, index + 1) is not (' ' or '\0'),

            // "www." starts an autolink too.
            '.' => index >= 3 && line.AsSpan(index - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    private static char At(string text, int index) => index >= 0 && index < text.Length ? text[index] : '\0';

    private static int LongestBacktickRun(string text)
    {
        int longest = 0, current = 0;
        foreach (var c in text)
        {
            current = c == '`' ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }
}
