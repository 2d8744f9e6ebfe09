using System.Security.Cryptography;
using System.Text;
using Beamtalk.Conformance.Observation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Beamtalk.Conformance.SelfTests.Unit;

public sealed class CookieFormsTests
{
    /// <summary>A 256-bit secret whose base64url spelling has both '-' and '_', so its base64 spelling differs from the cookie.</summary>
    private static readonly byte[] Secret =
        [0xFB, 0xEF, 0xBE, 0xFF, 0xFF, 0xFF, .. Enumerable.Range(0, 26).Select(i => (byte)(i * 37 + 11))];

    /// <summary>The cookie as a workspace writes it: base64url of the secret, no padding, 43 characters.</summary>
    private static readonly string Cookie = Convert.ToBase64String(Secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Every spelling of a cookie, computed here independently of CookieForms.</summary>
    private static Dictionary<string, string> SpellingsOf(byte[] secret)
    {
        var cookie = Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var text = Encoding.ASCII.GetBytes(cookie);
        var base64OfText = Convert.ToBase64String(text).TrimEnd('=');
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["raw"] = cookie,
            ["hex of the text"] = Convert.ToHexString(text).ToLowerInvariant(),
            ["HEX of the text"] = Convert.ToHexString(text),
            ["base64 of the text"] = base64OfText,
            ["base64url of the text"] = base64OfText.Replace('+', '-').Replace('/', '_'),
            ["hex of the secret"] = Convert.ToHexString(secret).ToLowerInvariant(),
            ["HEX of the secret"] = Convert.ToHexString(secret),
            ["base64 of the secret"] = Convert.ToBase64String(secret).TrimEnd('='),
        };
    }

    private static string Embedded(string spelling) =>
        $"2025-03-04T05:06:07Z INFO client connected\n2025-03-04T05:06:08Z DEBUG auth frame {{\"token\":\"{spelling}\"}} from 127.0.0.1\n";

    private static string Placeholder(string cookie)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(cookie))).ToLowerInvariant();
        return $"<cookie sha256:{hash[..8]}>";
    }

    public static TheoryData<string> SpellingNames => [.. SpellingsOf(Secret).Keys];

    [Fact]
    public void The_sample_cookie_is_a_43_character_base64url_text_with_both_url_characters()
    {
        Assert.Equal(43, Cookie.Length);
        Assert.Contains('-', Cookie);
        Assert.Contains('_', Cookie);
        Assert.NotEqual(SpellingsOf(Secret)["base64 of the secret"], Cookie);
    }

    [Theory, MemberData(nameof(SpellingNames))]
    public void Each_spelling_is_one_of_the_forms(string spelling) =>
        Assert.Contains(CookieForms.Of(Cookie).Forms, f => string.Equals(f.Text, SpellingsOf(Secret)[spelling], f.Comparison));

    [Theory, MemberData(nameof(SpellingNames))]
    public void Each_spelling_is_found_inside_other_text(string spelling)
    {
        var text = SpellingsOf(Secret)[spelling];

        var found = CookieForms.Of(Cookie).FindIn(Embedded(text));

        Assert.NotNull(found);
        Assert.Contains(found.Text, Embedded(text), found.Comparison);
    }

    [Theory, MemberData(nameof(SpellingNames))]
    public void Redacting_a_spelling_leaves_only_the_fingerprint(string spelling)
    {
        var text = SpellingsOf(Secret)[spelling];
        var forms = CookieForms.Of(Cookie);

        var redacted = forms.Redact(Embedded(text));

        Assert.DoesNotContain(text, redacted, StringComparison.Ordinal);
        Assert.Equal(Embedded(Placeholder(Cookie)), redacted);
        Assert.Null(forms.FindIn(redacted));
    }

    [Fact]
    public void Redacting_a_text_with_every_spelling_removes_them_all()
    {
        var forms = CookieForms.Of(Cookie);
        var text = string.Join(" | ", forms.Forms.Select(f => $"{f.Name}={f.Text}"));

        var redacted = forms.Redact(text);

        Assert.Null(forms.FindIn(redacted));
        Assert.All(forms.Forms, f => Assert.DoesNotContain(f.Text, redacted, StringComparison.Ordinal));
        Assert.All(forms.Forms, f => Assert.Contains($"{f.Name}={Placeholder(Cookie)}", redacted, StringComparison.Ordinal));
    }

    [Fact]
    public void The_fingerprint_is_the_first_8_hex_characters_of_the_sha256_of_the_cookie()
    {
        var expected = Placeholder(Cookie)["<cookie sha256:".Length..^1];

        Assert.Equal(expected, CookieForms.FingerprintOf(Cookie));
        Assert.Equal(expected, CookieForms.Of(Cookie).Fingerprint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025-03-04 INFO workspace started on 127.0.0.1:40123\n2025-03-04 INFO auth ok")]
    public void A_text_without_any_form_is_untouched(string text)
    {
        var forms = CookieForms.Of(Cookie);

        Assert.Null(forms.FindIn(text));
        Assert.Equal(text, forms.Redact(text));
    }

    [Fact]
    public void Pieces_carrying_fewer_than_72_bits_are_not_forms()
    {
        // 11 base64url characters are 66 bits, 17 hex characters 68.
        var forms = CookieForms.Of(Cookie);
        var text = $"{Cookie[..11]} {Cookie[^11..]} {Cookie[10..21]} {SpellingsOf(Secret)["hex of the secret"][..17]}";

        Assert.Null(forms.FindIn(text));
        Assert.Equal(text, forms.Redact(text));
    }

    [Theory]
    [InlineData(0, 42)]
    [InlineData(1, 43)]
    [InlineData(19, 43)]
    [InlineData(5, 29)]
    [InlineData(5, 25)]
    [InlineData(31, 43)]
    [InlineData(0, 12)]
    public void A_truncated_cookie_of_12_characters_or_more_is_found_and_redacted(int start, int end)
    {
        var forms = CookieForms.Of(Cookie);
        var text = $"crash: {{badarg,<<\"{Cookie[start..end]}\">>}}";

        Assert.NotNull(forms.FindIn(text));
        Assert.Equal($"crash: {{badarg,<<\"<cookie sha256:{forms.Fingerprint}>\">>}}", forms.Redact(text));
    }

    [Theory]
    [InlineData("hex of the secret", 18)]
    [InlineData("HEX of the secret", 18)]
    [InlineData("hex of the text", 24)]
    [InlineData("base64 of the secret", 12)]
    public void A_piece_of_another_spelling_carrying_72_bits_is_found_and_redacted(string spelling, int length)
    {
        var piece = SpellingsOf(Secret)[spelling].Substring(7, length);
        var forms = CookieForms.Of(Cookie);

        Assert.NotNull(forms.FindIn(Embedded(piece)));
        Assert.Equal(Embedded(Placeholder(Cookie)), forms.Redact(Embedded(piece)));
    }

    [Fact]
    public void A_cookie_of_capital_letters_needs_longer_pieces_because_each_letter_carries_fewer_bits()
    {
        // 26 letters carry 4.7 bits each: 16 of them hold 75 bits, 15 only 70.
        const string cookie = "QWERTYUIOPASDFGHJKLZXCVB";
        var forms = CookieForms.Of(cookie);

        Assert.NotNull(forms.FindIn($"[{cookie[2..18]}]"));
        Assert.Null(forms.FindIn($"[{cookie[2..17]}]"));
    }

    [Fact]
    public void Forms_shorter_than_16_characters_are_not_searched()
    {
        // "abcdEFGH" is 8 characters; of its spellings only the hex of the text reaches 16.
        var forms = CookieForms.Of("abcdEFGH");

        Assert.All(forms.Forms, f => Assert.True(f.Text.Length >= 16, $"{f.Name} '{f.Text}' is shorter than 16 characters."));
        Assert.Null(forms.FindIn("token=abcdEFGH"));
        Assert.Equal("token=abcdEFGH", forms.Redact("token=abcdEFGH"));
        Assert.NotNull(forms.FindIn("token=6162636445464748"));
    }

    [Theory]
    [InlineData("ABCDEFGHIJKLMNO", false)]
    [InlineData("ABCDEFGHIJKLMNOP", true)]
    public void The_raw_cookie_is_searched_from_16_characters_on(string cookie, bool searched) =>
        Assert.Equal(searched, CookieForms.Of(cookie).FindIn($"[{cookie}]") is not null);

    [Fact]
    public void Hex_in_mixed_case_is_found_as_FindIn_documents()
    {
        // CookieForms.FindIn: "ignoring case for the hex forms only".
        var hex = SpellingsOf(Secret)["hex of the secret"];
        var mixed = string.Concat(hex.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c));
        Assert.NotEqual(hex, mixed);
        Assert.NotEqual(hex.ToUpperInvariant(), mixed);

        Assert.NotNull(CookieForms.Of(Cookie).FindIn(Embedded(mixed)));
    }

    private static readonly Gen<byte[]> Secrets = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(32);

    [Property(MaxTest = 200)]
    public Property Every_spelling_of_any_256_bit_cookie_is_found_and_redacted() =>
        Prop.ForAll(Arb.From(Secrets), secret =>
        {
            var spellings = SpellingsOf(secret);
            var forms = CookieForms.Of(spellings["raw"]);
            return spellings.Values.All(s =>
                forms.FindIn(Embedded(s)) is not null
                && forms.Redact(Embedded(s)) == Embedded(Placeholder(spellings["raw"])));
        });

    [Property(MaxTest = 200)]
    public Property Any_12_character_piece_of_any_256_bit_cookie_is_found_and_redacted() =>
        Prop.ForAll(Arb.From(Secrets), Arb.From(Gen.Choose(0, 31)), (secret, start) =>
        {
            var cookie = SpellingsOf(secret)["raw"];
            var forms = CookieForms.Of(cookie);
            var piece = Embedded(cookie.Substring(start, 12));
            return forms.FindIn(piece) is not null && forms.Redact(piece) == Embedded(Placeholder(cookie));
        });
}
