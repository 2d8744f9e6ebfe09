using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.Principles.Analysis;

/// <summary>
/// Which names carry a secret. A name does when it contains a secret stem (cookie, token, secret, password,
/// key...) and is not about the secret without holding it: its path, length, fingerprint or type.
/// </summary>
public static partial class SecretNames
{
    public static bool HasStem(string name) => Stem().IsMatch(name);

    /// <summary>Cookie, ApiKey, AuthTokenValue: the stem ends the name (or is followed only by a word for its form).</summary>
    public static bool EndsWithStem(string name) => EndingStem().IsMatch(name);

    public static bool IsSyntaxPath(string path) => SyntaxPath().IsMatch(path);

    /// <summary>A name that holds a secret value, as opposed to one that names where it lives.</summary>
    public static bool HoldsSecret(string name, bool inSyntaxCode)
    {
        var stem = Stem().Match(name);
        if (!stem.Success || Excluded().IsMatch(name) || AboutTheSecret().IsMatch(name))
        {
            return false;
        }

        // In a lexer or parser "token" is a lexical token.
        return !(inSyntaxCode && stem.Value.Equals("token", StringComparison.OrdinalIgnoreCase) && !Stem().IsMatch(name.Replace(stem.Value, "", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>A name that points at a secret (its file, path, or the secret itself): file writes with it are secret writes.</summary>
    public static bool PointsAtSecret(string name, bool inSyntaxCode) =>
        HoldsSecret(name, inSyntaxCode) || (Stem().IsMatch(name) && PathLike().IsMatch(name) && !Excluded().IsMatch(name));

    [GeneratedRegex(@"(?i)cookie|token|secret|passw(?:or)?d|passphrase|api_?key|private_?key|privkey|credential|bearer|auth_?key|session_?key")]
    private static partial Regex Stem();

    // Cancellation tokens, lexical token types, and cookie containers of HTTP clients hold no secret.
    [GeneratedRegex(@"(?i:cancel|stopping)|^(Tokens?|TokenKind|TokenType|Tokenizer|tokens|tokenizer|tokenize|Cookies|cookies|CookieContainer|CookieJar|cookie_jar|SetCookie|set_cookie|ct|(is|has|should|can)[A-Z_].*)$|^(is|has)_")]
    private static partial Regex Excluded();

    [GeneratedRegex(@"(?i)(path|paths|file|filename|files|dir|directory|folder|name|names|fingerprint|hash|digest|len|length|size|count|id|ids|type|kind|mode|exists|source|timeout|comparer|header|option|options|flag|env|var|url|error|err|format|pattern|regex|prefix|event|lock|bits|bytes|bytes_?len|policy|rotation|rotated|valid|invalid|ok|class|cls|factory)$")]
    private static partial Regex AboutTheSecret();

    [GeneratedRegex(@"(?i)(cookie|token|secret|passw(?:or)?d|passphrase|api_?key|private_?key|privkey|credentials?|bearer|auth_?key|session_?key)(value|bytes|text|string|str)?$")]
    private static partial Regex EndingStem();

    [GeneratedRegex(@"(?i)(path|file|filename|dir|directory|folder|location)$")]
    private static partial Regex PathLike();

    [GeneratedRegex(@"(?i)(lexer|parser|tokeni[sz]er|/syntax/|grammar|scanner)")]
    private static partial Regex SyntaxPath();
}
