using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Source;

namespace Beamtalk.Conformance.Principles.Analysis;

/// <summary>
/// A data-flow heuristic within one file: names that hold a secret by their name, plus every name assigned
/// from an expression that uses one (or that reads a secret's file), so <c>var value = cookie.Reveal()</c>
/// makes <c>value</c> secret too. A collection holds a secret once one goes in: built as a literal
/// (<c>Args = ["-setcookie", Cookie]</c>, <c>vec![..]</c>, <c>new List&lt;string&gt; { .. }</c>), concatenated
/// (<c>Args0 ++ [Cookie]</c>, <c>cmd + [token]</c>) or added to (<c>args.push(cookie.clone())</c>,
/// <c>cmd.append(token)</c>, <c>list.Add(cookie)</c>), so <c>.args(&amp;args)</c> is a secret on argv. Uses
/// wrapped in a fingerprint, hash or length are not uses of the secret. Limits: one file, names not scopes
/// (a name is secret everywhere in the file once it is anywhere), no flow through function returns or fields
/// other than by name.
/// </summary>
public sealed partial class SecretTracker
{
    private readonly SourceFile _file;
    private HashSet<string>? _derived;

    internal SecretTracker(SourceFile file) => _file = file;

    /// <summary>Names that got a secret by assignment (not by their own name).</summary>
    public IReadOnlySet<string> Derived => _derived ??= Derive();

    public bool IsSecret(string name) => SecretNames.HoldsSecret(name, _file.IsSyntaxCode) || Derived.Contains(name);

    /// <summary>
    /// In C#, Rust and Python a capitalised name is a type, constant or member: it holds a secret only when it
    /// ends with the stem (Cookie, ApiKey, AuthToken) and is not a type reached for a static member.
    /// </summary>
    private bool IsTypeLike(string text, int start, int end)
    {
        if (_file.Language is Language.Erlang or Language.Shell || !char.IsUpper(text[start]))
        {
            return false;
        }

        var name = text[start..end];
        return !SecretNames.EndsWithStem(name) || StaticAccess().IsMatch(text[end..]);
    }

    /// <summary>The first secret used in <paramref name="text"/> (a skeleton: string contents already blanked), or null.</summary>
    public string? FirstUse(string text)
    {
        foreach (Match identifier in IdentifierPattern().Matches(text))
        {
            var name = identifier.Groups["name"].Value;
            if (!IsSecret(name) || IsWrapped(text, identifier.Index, identifier.Index + identifier.Length) || IsTypeLike(text, identifier.Index, identifier.Index + identifier.Length))
            {
                continue;
            }

            // A member called Token on something that is not a secret: a CancellationTokenSource's Token.
            if (name == "Token" && identifier.Index > 0 && text[identifier.Index - 1] == '.')
            {
                continue;
            }

            return name;
        }

        return null;
    }

    /// <summary>Any name pointing at a secret (its value, file or path) in <paramref name="text"/>.</summary>
    public bool MentionsSecretLocation(string text) => MentionsSecretLocation(text, Derived);

    private bool MentionsSecretLocation(string text, IReadOnlySet<string> derived) =>
        IdentifierPattern().Matches(text).Any(m => SecretNames.PointsAtSecret(m.Groups["name"].Value, _file.IsSyntaxCode) || derived.Contains(m.Groups["name"].Value));

    private Regex IdentifierPattern() => _file.Language switch
    {
        Language.Shell => ShellExpansion(),
        Language.Erlang => ErlangValue(),
        _ => Identifier(),
    };

    private static bool IsWrapped(string text, int start, int end)
    {
        var before = text[Math.Max(0, start - 48)..start];
        var after = text[end..];
        return WrapperBefore().IsMatch(before) || WrapperAfter().IsMatch(after);
    }

    private HashSet<string> Derive()
    {
        var derived = new HashSet<string>(StringComparer.Ordinal);
        var assignment = _file.Language switch
        {
            Language.Erlang => ErlangMatch(),
            Language.Shell => ShellAssignment(),
            _ => Assignment(),
        };

        // Two passes reach names derived from derived names, in any order of appearance.
        for (var pass = 0; pass < 2; pass++)
        {
            for (var index = 0; index < _file.Lines.Count; index++)
            {
                var line = _file.Lines[index];
                foreach (Match added in CollectionAdd().Matches(line.Skeleton))
                {
                    var collection = added.Groups["name"].Value;
                    if (!derived.Contains(collection) && FirstUseIn(_file.Statement(index)[added.Groups["args"].Index..], derived) is not null)
                    {
                        derived.Add(collection);
                    }
                }

                foreach (Match match in assignment.Matches(line.Skeleton))
                {
                    var name = match.Groups["name"].Value;
                    var value = match.Groups["value"].Value;
                    var rawValue = line.Code.Length >= match.Groups["value"].Index ? line.Code[match.Groups["value"].Index..] : value;
                    if (derived.Contains(name) || SecretNames.HoldsSecret(name, _file.IsSyntaxCode) || SecretNames.HasStem(name) && !SecretNames.HoldsSecret(name, _file.IsSyntaxCode) && !ReadsFile().IsMatch(value))
                    {
                        continue;
                    }

                    var readsSecretFile = ReadsFile().IsMatch(value) && (MentionsSecretLocation(value, derived) || SecretNames.HasStem(rawValue));
                    var collected = CollectionBuilding().IsMatch(value)
                        && FirstUseIn(_file.Statement(index)[Math.Min(match.Groups["value"].Index, _file.Statement(index).Length)..], derived) is not null;
                    if (readsSecretFile || collected || CarriesSecret(value, derived))
                    {
                        derived.Add(name);
                    }
                }
            }
        }

        return derived;
    }

    /// <summary>
    /// Whether an assigned value is the secret itself or a copy of it (<c>cookie.Reveal()</c>, <c>token.strip()</c>):
    /// its leading member chain uses a secret, with no comparison or predicate that turns it into something else.
    /// </summary>
    private bool CarriesSecret(string value, HashSet<string> derived)
    {
        var text = value.Trim();
        if (_file.Language == Language.Shell)
        {
            return ShellCopy().IsMatch(text) && FirstUseIn(text, derived) is not null;
        }

        if (Derivation().IsMatch(text))
        {
            return false;
        }

        var chain = LeadingChain().Match(text).Value;
        return chain.Length > 0 && !Predicate().IsMatch(chain) && FirstUseIn(chain, derived) is not null;
    }

    private string? FirstUseIn(string text, HashSet<string> derived)
    {
        foreach (Match identifier in IdentifierPattern().Matches(text))
        {
            var name = identifier.Groups["name"].Value;
            if ((SecretNames.HoldsSecret(name, _file.IsSyntaxCode) || derived.Contains(name)) && !IsWrapped(text, identifier.Index, identifier.Index + identifier.Length) && !IsTypeLike(text, identifier.Index, identifier.Index + identifier.Length))
            {
                return name;
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?<![\w$])(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Identifier();

    // args.push(..), cmd.append(..), list.Add(..), ArgumentList.Add(..): the collection before the dot takes what goes in.
    [GeneratedRegex(@"(?<![\w.])(?<name>[A-Za-z_]\w*)(?:\.ArgumentList)?\.(?:push|push_str|extend|extend_from_slice|insert|append|Add|AddRange|Insert|Append)\s*(?<args>\()")]
    private static partial Regex CollectionAdd();

    // A value that is a collection literal or a concatenation: any secret in it is in the collection.
    [GeneratedRegex(@"^\s*(?:vec!\s*)?&?\[|^\s*new\s*(?:List<[^>]*>)?\s*(?:\(\s*\))?\s*\[?\s*\]?\s*\{|^\s*\[\s*\]?\s*\{|\+\+|\+\s*\[|^\s*lists:append\s*\(")]
    private static partial Regex CollectionBuilding();

    [GeneratedRegex(@"==|!=|=:=|=/=|&&|\|\||\bis\b|\?|<=|>=|=>|\bandalso\b|\borelse\b|\band\b|\bor\b|\bnot\b")]
    private static partial Regex Derivation();

    [GeneratedRegex(@"^(?:await\s+|try\s+|new\s+|[(&*!]\s*)*[A-Za-z_$#][\w$#]*(?:(?:\.|::|:|\?\.)[A-Za-z_]\w*|\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])*")]
    private static partial Regex LeadingChain();

    [GeneratedRegex(@"(?i)\b(matches|equals|contains|startswith|endswith|starts_with|ends_with|is\w+|has\w+|check\w*|verify\w*|validate\w*|compare\w*|count|length|len|gettype|exists|fingerprint\w*|hash\w*)\b")]
    private static partial Regex Predicate();

    [GeneratedRegex(@"^""?\$\{?\w+\}?""?$")]
    private static partial Regex ShellCopy();

    // Erlang values live in variables, record fields and map keys; a bare atom such as bad_cookie is a label.
    [GeneratedRegex(@"(?<![\w$])(?<name>[A-Z_][A-Za-z0-9_]*)|#\w+\.(?<name>[a-z]\w*)|maps:get\(\s*(?<name>[a-z]\w*)")]
    private static partial Regex ErlangValue();

    // Only expansions count in shell: a bare word COOKIE is text, $COOKIE is the value. ${#X} is a length.
    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ShellExpansion();

    [GeneratedRegex(@"^\s*(?:(?:var|let|let\s+mut|const|final|string|String|auto|val|my|byte\[\])\s+)?(?<name>[A-Za-z_]\w*)\s*(?::\s*[^=]+)?=(?![=>])\s*(?<value>.+)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"(?<![\w=:/<>])(?<name>[A-Z_]\w*)\s*=(?![=:/<])\s*(?<value>[^,]+)")]
    private static partial Regex ErlangMatch();

    [GeneratedRegex(@"^\s*(?:export\s+|local\s+|readonly\s+|declare\s+(?:-\w+\s+)?)?(?<name>[A-Za-z_]\w*)=(?<value>.*)$")]
    private static partial Regex ShellAssignment();

    [GeneratedRegex(@"(?i)(ReadAllText|ReadAllBytes|ReadAllLines|ReadToEnd|read_to_string|read_file|\bcat\b|\.read\(\)|read_text|read_bytes|ReadCookie|load_cookie|get_cookie)")]
    private static partial Regex ReadsFile();

    [GeneratedRegex(@"(?i)(fingerprint\w*|hash\w*|sha\d*\w*|digest\w*|redact\w*|mask\w*|len|length|size|byte_size|iolist_size|exists|is_?file|basename|dirname|nameof|typeof|sizeof)\s*\(\s*&?\s*$")]
    private static partial Regex WrapperBefore();

    [GeneratedRegex(@"^\s*\.[A-Z]\w*")]
    private static partial Regex StaticAccess();

    [GeneratedRegex(@"^\s*(?:\(\s*\))?!?(\??\.|::|->|:)\s*(Fingerprint\w*|fingerprint\w*|Length|Count|len\(\)|is_empty|IsEmpty|exists|Exists|hash\w*|Hash\w*|Path|path|Name|name|GetType|Kind|Is[A-Z]\w*|is_\w+|Matches|matches|ToString\(\)\.Length)(?!\w)")]
    private static partial Regex WrapperAfter();
}
