using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Analysis;

namespace Beamtalk.Conformance.Principles.Rules;

/// <summary>How a rule spots its pattern, shared by the language packs; each pack passes its own spellings.</summary>
public static partial class Detectors
{
    /// <summary>Added lines whose skeleton (or code) matches, unless <paramref name="unless"/> matches the same line.</summary>
    public static IEnumerable<Hit> Lines(SourceFile file, Regex pattern, Regex? unless = null, bool inCode = false)
    {
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            var text = inCode ? line.Code : line.Skeleton;
            if (line.IsChanged && pattern.Match(text) is { Success: true } match && (unless is null || !unless.IsMatch(text)))
            {
                yield return new Hit(i, Quote(match.Value));
            }
        }
    }

    /// <summary>A sink (a log call, an exception, a child's argv) whose arguments use a secret.</summary>
    public static IEnumerable<Hit> SecretFlow(SourceFile file, Regex sink, Regex? unless = null)
    {
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            if (!line.IsChanged || (unless is not null && unless.IsMatch(line.Skeleton)))
            {
                continue;
            }

            foreach (Match match in sink.Matches(line.Skeleton))
            {
                var statement = file.Statement(i);
                var region = statement[Math.Min(match.Index, statement.Length)..];
                if (file.Secrets.FirstUse(region) is { } secret)
                {
                    yield return new Hit(i, $"`{secret}` reaches {Quote(match.Value.Trim())}");
                    break;
                }
            }
        }
    }

    /// <summary>An equality operator or method with a secret on one side and a non-constant on the other.</summary>
    public static IEnumerable<Hit> VariableTimeCompare(SourceFile file, Regex operators, Regex? methods, Regex fixedTime)
    {
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            if (!line.IsChanged || fixedTime.IsMatch(line.Skeleton))
            {
                continue;
            }

            var text = line.Skeleton;
            Hit? hit = null;
            foreach (Match op in operators.Matches(text))
            {
                var left = Operands.Left(text, op.Index);
                var right = Operands.Right(text, op.Index + op.Length);
                var secret = file.Secrets.FirstUse(left) is { } l && !Operands.IsConstant(right) ? l
                    : file.Secrets.FirstUse(right) is { } r && !Operands.IsConstant(left) ? r : null;
                if (secret is not null)
                {
                    hit = new Hit(i, $"`{secret}` compared with `{op.Value.Trim()}`");
                    break;
                }
            }

            if (hit is null && methods?.Match(text) is { Success: true } method && file.Secrets.FirstUse(file.Statement(i)) is { } used)
            {
                hit = new Hit(i, $"`{used}` compared with {Quote(method.Value)}");
            }

            if (hit is not null)
            {
                yield return hit;
            }
        }
    }

    /// <summary>
    /// A pattern match used as equality: <c>case Provided of Expected -></c> with <c>Expected</c> bound, which stops
    /// at the first differing byte like <c>==</c>. Counted when either side holds a secret, or when the enclosing
    /// function is named after one (<c>check_cookie(Provided, Expected)</c>), since the arguments' names rarely say.
    /// </summary>
    public static IEnumerable<Hit> BoundMatch(SourceFile file, Regex caseOf, Regex boundClause, Regex functionHead)
    {
        for (var i = 0; i < file.Lines.Count; i++)
        {
            if (file.Lines[i].Skeleton is var text && caseOf.Match(text) is not { Success: true } match)
            {
                continue;
            }

            var subject = match.Groups["subject"].Value;
            var clause = file.Window(i, 0, 3)
                .Select(l => boundClause.Match(l.Skeleton[(l == file.Lines[i] ? match.Index : 0)..]))
                .FirstOrDefault(m => m.Success && m.Groups["pattern"].Value != subject);
            var changed = file.Window(i, 0, 3).Any(l => l.IsChanged);
            if (clause is null || !changed)
            {
                continue;
            }

            var pattern = clause.Groups["pattern"].Value;
            var function = file.Window(i, 30, 0).Reverse().Select(l => functionHead.Match(l.Skeleton)).FirstOrDefault(m => m.Success)?.Groups["name"].Value ?? "";
            if (file.Secrets.IsSecret(subject) || file.Secrets.IsSecret(pattern) || SecretNames.HasStem(function) || function.Contains("auth", StringComparison.Ordinal))
            {
                yield return new Hit(i, $"`case {subject} of {pattern} ->` matches a secret against a bound value");
            }
        }
    }

    /// <summary>A length comparison within a few lines before (or on the line of) a fixed-time compare.</summary>
    public static IEnumerable<Hit> LengthBeforeFixedTime(SourceFile file, Regex lengthCompare, Regex fixedTime)
    {
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            if (line.IsChanged && lengthCompare.Match(line.Skeleton) is { Success: true } length
                && file.Window(i, 0, 8).FirstOrDefault(l => fixedTime.IsMatch(l.Skeleton)) is { } compare)
            {
                yield return new Hit(i, $"{Quote(length.Value)} before the fixed-time compare at line {compare.Number}", [file.At(compare)]);
            }
        }
    }

    /// <summary>A fixed-time compare with no length check in the lines before it.</summary>
    public static IEnumerable<Hit> FixedTimeCompare(SourceFile file, Regex fixedTime, Regex lengthCompare)
    {
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            if (line.IsChanged && fixedTime.Match(line.Skeleton) is { Success: true } call
                && !file.Window(i, 8, 0).Any(l => lengthCompare.IsMatch(l.Skeleton)))
            {
                yield return new Hit(i, Quote(call.Value));
            }
        }
    }

    /// <summary>Workers: the pattern, in files that never wait for or supervise what they start.</summary>
    public static IEnumerable<Hit> LinesUnlessFileHas(SourceFile file, Regex pattern, Regex fileHas) =>
        file.Lines.Any(l => fileHas.IsMatch(l.Skeleton)) ? [] : Lines(file, pattern);

    /// <summary>
    /// C#-style catch-alls: <c>catch</c> or <c>catch (Exception)</c> without a filter, whose block is empty or
    /// only leaves (return, continue, break).
    /// </summary>
    public static IEnumerable<Hit> EmptyCatchAll(SourceFile file, Regex catchAll)
    {
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            if (!line.IsChanged || catchAll.Match(line.Skeleton) is not { Success: true } match)
            {
                continue;
            }

            var body = BlockAfter(file, i, match.Index + match.Length);
            if (body is not null && SwallowingBody().IsMatch(body))
            {
                yield return new Hit(i, $"{Quote(match.Value.Trim())} with a body that drops the error");
            }
        }
    }

    /// <summary>Python's <c>except:</c> / <c>except Exception:</c> whose body is only pass, continue or return.</summary>
    public static IEnumerable<Hit> EmptyExcept(SourceFile file, Regex bareExcept)
    {
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            if (!line.IsChanged || bareExcept.Match(line.Skeleton) is not { Success: true } match)
            {
                continue;
            }

            var rest = line.Skeleton[(match.Index + match.Length)..].Trim();
            var body = rest.Length > 0 ? rest : file.Window(i, 0, 1).Skip(1).FirstOrDefault()?.Skeleton.Trim() ?? "";
            if (PythonSwallow().IsMatch(body))
            {
                yield return new Hit(i, $"{Quote(match.Value.Trim())} then `{body}`");
            }
        }
    }

    public static string Quote(string code)
    {
        var trimmed = code.Trim();
        return $"`{(trimmed.Length > 80 ? trimmed[..77] + "..." : trimmed)}`";
    }

    /// <summary>The text of the brace block that opens at or after <paramref name="column"/> of line <paramref name="index"/>.</summary>
    private static string? BlockAfter(SourceFile file, int index, int column)
    {
        var text = new System.Text.StringBuilder();
        var depth = 0;
        var opened = false;
        for (var i = index; i < file.Lines.Count && i < index + 12; i++)
        {
            var part = i == index ? file.Lines[i].Skeleton[Math.Min(column, file.Lines[i].Skeleton.Length)..] : file.Lines[i].Skeleton;
            foreach (var c in part)
            {
                if (c == '{')
                {
                    if (opened && depth > 0)
                    {
                        text.Append(c);
                    }

                    depth++;
                    opened = true;
                    continue;
                }

                if (c == '}')
                {
                    depth--;
                    if (opened && depth == 0)
                    {
                        return text.ToString();
                    }
                }

                if (opened)
                {
                    text.Append(c);
                }
            }

            if (opened)
            {
                text.Append('\n');
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*(?:(?:return|continue|break)\s*;\s*)?$")]
    private static partial Regex SwallowingBody();

    [GeneratedRegex(@"^(pass|continue|return|return None|\.\.\.)$")]
    private static partial Regex PythonSwallow();
}
