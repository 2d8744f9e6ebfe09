using System.Text;

namespace Beamtalk.Conformance.Principles.Source;

/// <summary>
/// A small lexer, per language, that knows only comments and string literals. It carries block comments and
/// multi-line strings from one line to the next; at a hunk boundary the caller starts a new scanner, since the
/// lines in between are unknown.
/// </summary>
public sealed class SourceScanner
{
    private readonly Language _language;
    private bool _inBlockComment;
    private string? _openMultiLineString;

    public SourceScanner(Language language) => _language = language;

    public (string Code, string Skeleton, string Comment) Scan(string raw)
    {
        var code = new StringBuilder(raw.Length);
        var skeleton = new StringBuilder(raw.Length);
        var comment = new StringBuilder();
        var i = 0;

        if (_openMultiLineString is { } closing)
        {
            var end = raw.IndexOf(closing, StringComparison.Ordinal);
            if (end < 0)
            {
                code.Append(raw);
                skeleton.Append(' ', raw.Length);
                return (code.ToString(), skeleton.ToString(), "");
            }

            code.Append(raw, 0, end + closing.Length);
            skeleton.Append(' ', end).Append(closing);
            i = end + closing.Length;
            _openMultiLineString = null;
        }

        while (i < raw.Length)
        {
            if (_inBlockComment)
            {
                var end = raw.IndexOf("*/", i, StringComparison.Ordinal);
                comment.Append(end < 0 ? raw[i..] : raw[i..end]);
                if (end < 0)
                {
                    break;
                }

                _inBlockComment = false;
                i = end + 2;
                continue;
            }

            var c = raw[i];
            if (StartsLineComment(raw, i))
            {
                comment.Append(raw[i..]);
                break;
            }

            if (HasBlockComments && c == '/' && At(raw, i + 1) == '*')
            {
                _inBlockComment = true;
                i += 2;
                continue;
            }

            if (_language == Language.Erlang && c == '$' && i + 1 < raw.Length)
            {
                // A character literal such as $" or $%: neither a string nor a comment.
                code.Append(raw, i, 2);
                skeleton.Append("$ ");
                i += 2;
                continue;
            }

            if (_language == Language.Rust && c == '\'' && !IsRustCharLiteral(raw, i))
            {
                code.Append(c);
                skeleton.Append(c);
                i++;
                continue;
            }

            if (c is '"' or '\'' || (_language == Language.Shell && c == '`'))
            {
                i = ScanString(raw, i, code, skeleton);
                continue;
            }

            code.Append(c);
            skeleton.Append(c);
            i++;
        }

        return (code.ToString(), skeleton.ToString(), comment.ToString());
    }

    private bool HasBlockComments => _language is Language.CSharp or Language.Rust;

    private bool StartsLineComment(string raw, int i) => _language switch
    {
        Language.CSharp or Language.Rust => raw[i] == '/' && At(raw, i + 1) == '/',
        Language.Erlang => raw[i] == '%',
        Language.Python or Language.Elixir => raw[i] == '#',
        // YAML, TOML, .env, Dockerfiles, systemd: '#' (or ';' in ini and systemd) at a word's start; JSON has none.
        Language.Config => raw[i] is '#' or ';' && (i == 0 || char.IsWhiteSpace(raw[i - 1])),
        // '#' starts a comment only as a word of its own: not in $#, ${#x} or a#b.
        Language.Shell => raw[i] == '#' && (i == 0 || char.IsWhiteSpace(raw[i - 1]) || raw[i - 1] == ';'),
        _ => false,
    };

    private int ScanString(string raw, int start, StringBuilder code, StringBuilder skeleton)
    {
        var quote = raw[start];
        var prefix = PrefixBefore(raw, start);
        var interpolated = _language switch
        {
            Language.CSharp => prefix.Contains('$', StringComparison.Ordinal),
            Language.Python => prefix.Contains('f', StringComparison.OrdinalIgnoreCase),
            Language.Shell => quote is '"' or '`',
            Language.Rust => quote == '"',
            Language.Elixir => quote == '"',
            _ => false,
        };
        var verbatim = (_language == Language.CSharp && prefix.Contains('@', StringComparison.Ordinal))
            || (_language == Language.Python && prefix.Contains('r', StringComparison.OrdinalIgnoreCase))
            || (_language == Language.Rust && prefix.Contains('r', StringComparison.Ordinal))
            || (_language == Language.Shell && quote == '\'');

        if (_language is Language.Python or Language.Elixir && raw.AsSpan(start).StartsWith(new string(quote, 3)))
        {
            var triple = new string(quote, 3);
            var end = raw.IndexOf(triple, start + 3, StringComparison.Ordinal);
            if (end < 0)
            {
                _openMultiLineString = triple;
                code.Append(raw, start, raw.Length - start);
                skeleton.Append(triple).Append(' ', raw.Length - start - 3);
                return raw.Length;
            }

            code.Append(raw, start, end + 3 - start);
            skeleton.Append(triple).Append(' ', end - start - 3).Append(triple);
            return end + 3;
        }

        code.Append(quote);
        skeleton.Append(quote);
        var i = start + 1;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (!verbatim && c == '\\' && i + 1 < raw.Length)
            {
                code.Append(raw, i, 2);
                skeleton.Append("  ");
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (verbatim && _language == Language.CSharp && At(raw, i + 1) == quote)
                {
                    code.Append("\"\"");
                    skeleton.Append("  ");
                    i += 2;
                    continue;
                }

                code.Append(c);
                skeleton.Append(c);
                return i + 1;
            }

            var hole = interpolated ? HoleLength(raw, i) : 0;
            if (hole > 0)
            {
                code.Append(raw, i, hole);
                skeleton.Append(raw, i, hole);
                i += hole;
                continue;
            }

            code.Append(c);
            skeleton.Append(' ');
            i++;
        }

        return i;
    }

    /// <summary>How many characters an interpolation hole at <paramref name="i"/> spans (0 if none starts there).</summary>
    private int HoleLength(string raw, int i)
    {
        if (_language == Language.Shell)
        {
            if (raw[i] != '$' || i + 1 >= raw.Length)
            {
                return 0;
            }

            if (raw[i + 1] is '{' or '(')
            {
                var close = raw[i + 1] == '{' ? '}' : ')';
                var end = raw.IndexOf(close, i + 2);
                return end < 0 ? raw.Length - i : end - i + 1;
            }

            var j = i + 1;
            while (j < raw.Length && (char.IsLetterOrDigit(raw[j]) || raw[j] == '_'))
            {
                j++;
            }

            return j - i;
        }

        if (_language == Language.Elixir)
        {
            // Elixir interpolates #{...}: the hole starts at the '#'.
            if (raw[i] != '#' || At(raw, i + 1) != '{')
            {
                return 0;
            }

            var close = raw.IndexOf('}', i + 2);
            return close < 0 ? raw.Length - i : close - i + 1;
        }

        if (raw[i] != '{' || At(raw, i + 1) == '{')
        {
            return 0;
        }

        var depth = 0;
        for (var j = i; j < raw.Length; j++)
        {
            depth += raw[j] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                var inner = raw[(i + 1)..j];
                // Rust keeps only inline arguments ({name}, {name:?}); "{}" and "{0}" name nothing.
                if (_language == Language.Rust && !(inner.Length > 0 && (char.IsLetter(inner[0]) || inner[0] == '_')))
                {
                    return 0;
                }

                return j - i + 1;
            }
        }

        return 0;
    }

    private static string PrefixBefore(string raw, int quote)
    {
        var start = quote;
        while (start > 0 && (char.IsLetter(raw[start - 1]) || raw[start - 1] is '$' or '@' or '#'))
        {
            start--;
        }

        var prefix = raw[start..quote];
        // An identifier just before a quote is not a prefix (e.g. Erlang foo"bar" never happens; C# x"..." neither).
        return prefix.Length <= 3 ? prefix : "";
    }

    private static bool IsRustCharLiteral(string raw, int i) =>
        (i + 2 < raw.Length && raw[i + 1] != '\\' && raw[i + 2] == '\'') ||
        (i + 1 < raw.Length && raw[i + 1] == '\\' && raw.IndexOf('\'', i + 2) is > 0 and var end && end - i <= 10);

    private static char At(string raw, int i) => i < raw.Length ? raw[i] : '\0';
}
