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
/// base64 spellings of both the text and (when it is base64url) the decoded secret. Used to find
/// leaks, and to redact target output before it reaches any message the kit prints.
/// </summary>
public sealed class CookieForms
{
    /// <summary>Shorter spellings would match by chance in long logs; a 256-bit cookie is far longer.</summary>
    private const int MinimumFormLength = 16;

    /// <summary>
    /// A piece this long of a random cookie (over 140 bits) never occurs by chance, and finds a cookie
    /// that was truncated, as crash reports and log formatters truncate long terms.
    /// </summary>
    private const int WindowLength = 24;

    private readonly string _cookie;

    private CookieForms(string cookie, string fingerprint, IReadOnlyList<CookieForm> forms)
    {
        _cookie = cookie;
        Fingerprint = fingerprint;
        Forms = forms;
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

        for (var start = 0; start + WindowLength <= cookie.Length; start++)
        {
            forms.Add(new($"a {WindowLength}-character piece of the text", cookie.Substring(start, WindowLength), IsPiece: true));
        }

        if (Base64Url.IsValid(cookie.AsSpan(), out _))
        {
            var secret = Base64Url.DecodeFromChars(cookie);
            forms.Add(new("hex of the secret", Convert.ToHexStringLower(secret), IgnoreCase: true));
            forms.Add(new("base64 of the secret", Convert.ToBase64String(secret).TrimEnd('=')));
            forms.Add(new("base64url of the secret", Base64Url.EncodeToString(secret)));
        }

        var distinct = forms
            .Where(f => f.Text.Length >= MinimumFormLength)
            .DistinctBy(f => f.Text, StringComparer.Ordinal)
            .ToList();
        return new CookieForms(cookie, FingerprintOf(cookie), distinct);
    }

    /// <summary>The first form found in <paramref name="text"/>, ignoring case for the hex forms only.</summary>
    public CookieForm? FindIn(string text) =>
        Forms.FirstOrDefault(f => text.Contains(f.Text, f.Comparison));

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

        return RedactPieces(text, marker);
    }

    /// <summary>
    /// Replaces every run of the cookie's text that holds a window, extended as far as the text keeps
    /// matching the cookie: a truncated cookie goes whole, not window by window.
    /// </summary>
    private string RedactPieces(string text, string marker)
    {
        for (var start = 0; start + WindowLength <= _cookie.Length; start++)
        {
            int at;
            while ((at = text.IndexOf(_cookie.Substring(start, WindowLength), StringComparison.Ordinal)) >= 0)
            {
                var (from, offset) = (at, start);
                while (from > 0 && offset > 0 && text[from - 1] == _cookie[offset - 1])
                {
                    from--;
                    offset--;
                }

                var (to, end) = (at + WindowLength, start + WindowLength);
                while (to < text.Length && end < _cookie.Length && text[to] == _cookie[end])
                {
                    to++;
                    end++;
                }

                text = string.Concat(text.AsSpan(0, from), marker, text.AsSpan(to));
            }
        }

        return text;
    }
}
