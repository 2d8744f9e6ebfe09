using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Beamtalk.Conformance.Observation;

/// <summary>One way a secret can be written down: its name, the text to look for, and whether case matters (hex).</summary>
public sealed record CookieForm(string Name, string Text, bool IgnoreCase = false, bool IsPiece = false)
{
    public StringComparison Comparison => IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
}

/// <summary>
/// Every spelling of a cookie a careless program might print: the text itself, and the hex and
/// base64 spellings of both the text and (when it is base64url) the decoded secret, whole or as a
/// piece that still carries 72 bits of the secret. Used to find leaks, and to redact target output
/// before it reaches any message the kit prints.
/// </summary>
public sealed class CookieForms
{
    /// <summary>Shorter whole spellings would match by chance in long logs; a 256-bit cookie is far longer.</summary>
    private const int MinimumFormLength = 16;

    /// <summary>
    /// A piece carrying 72 bits of a random secret never occurs by chance (one in 4.7e21 per position),
    /// yet leaves too few bits to guess: log formatters and crash reports truncate long terms to far less
    /// than a whole cookie, and 12 base64url characters of a 43-character cookie are already 72 of its bits.
    /// </summary>
    private const int PieceBits = 72;

    /// <summary>Below this a piece is a word, not a secret, whatever the alphabet suggests.</summary>
    private const int MinimumPieceLength = 12;

    private readonly IReadOnlyList<PieceSpelling> _pieceSpellings;
    private readonly SearchValues<string> _exact;
    private readonly SearchValues<string> _anyCase;

    private CookieForms(string fingerprint, IReadOnlyList<CookieForm> forms, IReadOnlyList<PieceSpelling> pieceSpellings)
    {
        Fingerprint = fingerprint;
        Forms = forms;
        _pieceSpellings = pieceSpellings;
        _exact = SearchValues.Create([.. forms.Where(f => !f.IgnoreCase).Select(f => f.Text)], StringComparison.Ordinal);
        _anyCase = SearchValues.Create([.. forms.Where(f => f.IgnoreCase).Select(f => f.Text)], StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>First 8 hex characters of SHA-256 of the cookie text: safe to print.</summary>
    public string Fingerprint { get; }

    public IReadOnlyList<CookieForm> Forms { get; }

    public static string FingerprintOf(string cookie) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cookie)))[..8];

    public static CookieForms Of(string cookie)
    {
        var text = Encoding.UTF8.GetBytes(cookie);
        var forms = new List<CookieForm>
        {
            new("raw", cookie),
            new("URL-encoded", Uri.EscapeDataString(cookie)),
            new("JSON-escaped", JsonEncodedText.Encode(cookie, JavaScriptEncoder.Default).Value),
            new("hex of the text", Convert.ToHexStringLower(text), IgnoreCase: true),
            new("base64 of the text", Convert.ToBase64String(text).TrimEnd('=')),
            new("base64url of the text", Base64Url.EncodeToString(text)),
            new("decimal bytes of the text", string.Join(',', text)),
            new("decimal bytes of the text", string.Join(", ", text)),
        };

        var bitsPerCharacter = BitsPerCharacter(cookie);
        var textPiece = PieceLength(bitsPerCharacter);
        var pieceSpellings = new List<PieceSpelling>
        {
            new("the text", cookie, textPiece, IgnoreCase: false),
            new("the hex of the text", Convert.ToHexStringLower(text), 2 * textPiece, IgnoreCase: true),
        };

        if (Base64Url.IsValid(cookie.AsSpan(), out _))
        {
            var secret = Base64Url.DecodeFromChars(cookie);
            forms.Add(new("hex of the secret", Convert.ToHexStringLower(secret), IgnoreCase: true));
            forms.Add(new("base64 of the secret", Convert.ToBase64String(secret).TrimEnd('=')));
            forms.Add(new("base64url of the secret", Base64Url.EncodeToString(secret)));
            // Decoding adds no randomness: a text of capital letters decodes to bytes with 4.7 random bits in every 6.
            var density = Math.Min(1, bitsPerCharacter / 6);
            pieceSpellings.Add(new("the hex of the secret", Convert.ToHexStringLower(secret), PieceLength(4 * density), IgnoreCase: true));
            pieceSpellings.Add(new("the base64 of the secret", Convert.ToBase64String(secret).TrimEnd('='), PieceLength(6 * density), IgnoreCase: false));
        }

        var whole = forms.Where(f => f.Text.Length >= MinimumFormLength);
        var pieces = pieceSpellings.SelectMany(s => s.Pieces());
        var distinct = whole.Concat(pieces)
            .DistinctBy(f => f.IgnoreCase ? f.Text.ToLowerInvariant() : f.Text, StringComparer.Ordinal)
            .ToList();
        return new CookieForms(FingerprintOf(cookie), distinct, pieceSpellings);
    }

    /// <summary>The form found earliest in <paramref name="text"/>, ignoring case for the hex forms only.</summary>
    public CookieForm? FindIn(string text)
    {
        var span = text.AsSpan();
        var exact = span.IndexOfAny(_exact);
        var anyCase = span.IndexOfAny(_anyCase);
        var at = exact < 0 ? anyCase : anyCase < 0 ? exact : Math.Min(exact, anyCase);
        if (at < 0)
        {
            return null;
        }

        // The longest form that starts there names the leak best (the whole cookie rather than one of its pieces).
        return Forms.Where(f => text.AsSpan(at).StartsWith(f.Text, f.Comparison)).MaxBy(f => f.Text.Length);
    }

    /// <summary>The text with every form of the cookie replaced by its fingerprint.</summary>
    public string Redact(string text)
    {
        // Whole spellings first: some (base64 of the secret) share runs with the cookie's text, and
        // cutting a piece out of them first would leave the rest of the spelling behind.
        var marker = $"<cookie sha256:{Fingerprint}>";
        foreach (var form in Forms.Where(f => !f.IsPiece).OrderByDescending(f => f.Text.Length))
        {
            text = text.Replace(form.Text, marker, form.Comparison);
        }

        foreach (var spelling in _pieceSpellings)
        {
            text = spelling.Redact(text, marker);
        }

        return text;
    }

    /// <summary>
    /// Bits of secret per character, from the alphabet the text draws on: a hex cookie carries 4, a
    /// base64url one 6, 20 capital letters 4.7. Only the classes present count, so a low-entropy cookie
    /// gets longer pieces rather than pieces that match by chance.
    /// </summary>
    private static double BitsPerCharacter(string cookie)
    {
        if (cookie.All(char.IsAsciiHexDigitLower) || cookie.All(char.IsAsciiHexDigitUpper))
        {
            return 4;
        }

        // Both cases of letters among base64 characters only: a base64 or base64url text, 6 bits a character,
        // even when this one happens to hold no digit, '-' or '_'.
        if (cookie.Any(char.IsAsciiLetterLower) && cookie.Any(char.IsAsciiLetterUpper) && cookie.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/' or '='))
        {
            return 6;
        }

        var alphabet = 0;
        alphabet += cookie.Any(char.IsAsciiDigit) ? 10 : 0;
        alphabet += cookie.Any(char.IsAsciiLetterLower) ? 26 : 0;
        alphabet += cookie.Any(char.IsAsciiLetterUpper) ? 26 : 0;
        alphabet += cookie.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 32 : 0;
        return Math.Log2(Math.Max(alphabet, 2));
    }

    private static int PieceLength(double bitsPerCharacter) =>
        Math.Max(MinimumPieceLength, (int)Math.Ceiling(PieceBits / bitsPerCharacter));

    /// <summary>A spelling whose pieces of <see cref="Length"/> characters each carry 72 bits of the secret.</summary>
    private sealed record PieceSpelling(string Of, string Text, int Length, bool IgnoreCase)
    {
        private StringComparison Comparison => IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        public IEnumerable<CookieForm> Pieces()
        {
            // A piece as long as the spelling is the whole spelling, already a form of its own.
            for (var start = 0; Length < Text.Length && start + Length <= Text.Length; start++)
            {
                yield return new CookieForm($"a {Length}-character piece of {Of}", Text.Substring(start, Length), IgnoreCase, IsPiece: true);
            }
        }

        /// <summary>
        /// Replaces every run of the spelling that holds a piece, extended as far as the text keeps
        /// matching the spelling: a truncated cookie goes whole, not piece by piece.
        /// </summary>
        public string Redact(string text, string marker)
        {
            for (var start = 0; Length < Text.Length && start + Length <= Text.Length; start++)
            {
                int at;
                while ((at = text.IndexOf(Text.Substring(start, Length), Comparison)) >= 0)
                {
                    var (from, offset) = (at, start);
                    while (from > 0 && offset > 0 && Same(text[from - 1], Text[offset - 1]))
                    {
                        from--;
                        offset--;
                    }

                    var (to, end) = (at + Length, start + Length);
                    while (to < text.Length && end < Text.Length && Same(text[to], Text[end]))
                    {
                        to++;
                        end++;
                    }

                    text = string.Concat(text.AsSpan(0, from), marker, text.AsSpan(to));
                }
            }

            return text;
        }

        private bool Same(char a, char b) => IgnoreCase ? char.ToLowerInvariant(a) == char.ToLowerInvariant(b) : a == b;
    }
}
