using System.Buffers.Text;
using System.Security.Cryptography;
using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.SelfTests.Unit;

/// <summary>SECRET-ENTROPY's estimate: from the characters several samples used, never from decoding the text.</summary>
public sealed class SecretAlphabetTests
{
    private static string[] Samples(int count, Func<string> one) => [.. Enumerable.Range(0, count).Select(_ => one())];

    private static string Letters(int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => (char)('A' + RandomNumberGenerator.GetInt32(26))));

    [Fact]
    public void Twenty_letters_A_to_Z_carry_94_bits_not_the_120_their_base64url_decoding_suggests()
    {
        var cookies = Samples(48, () => Letters(20));
        Assert.Equal(15, Base64Url.DecodeFromChars(cookies[0]).Length);

        var alphabet = SecretAlphabet.Observe(cookies);

        Assert.Equal("A–Z (26)", alphabet.Describe());
        Assert.Equal(94.0, Math.Round(alphabet.Bits, 1));
        Assert.Contains("20 × log2 26 = 94.0 bits", alphabet.Explain(), StringComparison.Ordinal);
        Assert.Contains("estimated from the characters observed", alphabet.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Base64url_of_32_random_bytes_uses_all_64_characters_and_reaches_256_bits()
    {
        var cookies = Samples(48, () => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));

        var alphabet = SecretAlphabet.Observe(cookies);

        Assert.Equal(64, alphabet.Size);
        Assert.Equal("-0–9A–Z_a–z (64)", alphabet.Describe());
        Assert.True(alphabet.Bits >= 256, alphabet.Explain());
    }

    [Fact]
    public void Hex_of_32_random_bytes_is_judged_as_16_characters_per_position()
    {
        var alphabet = SecretAlphabet.Observe(Samples(48, () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))));

        Assert.Equal("0–9a–f (16)", alphabet.Describe());
        Assert.Equal(256.0, alphabet.Bits, 6);
    }

    [Fact]
    public void A_fixed_prefix_counts_for_nothing_and_its_characters_are_not_in_the_alphabet()
    {
        var alphabet = SecretAlphabet.Observe(Samples(48, () => "bt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))));

        Assert.Equal(3, alphabet.FixedPositions);
        Assert.Equal(64, alphabet.VaryingPositions);
        Assert.Equal("0–9a–f (16)", alphabet.Describe());
        Assert.Equal(256.0, alphabet.Bits, 6);
        Assert.Contains("3 never changed", alphabet.Explain(), StringComparison.Ordinal);
    }

    /// <summary>Base64 with "==" padding: the padding is fixed, and left out of the character test, which it would otherwise fail.</summary>
    [Fact]
    public void Base64_padding_neither_widens_the_alphabet_nor_skews_the_characters()
    {
        var cookies = Samples(48, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(34)));
        Assert.All(cookies, c => Assert.EndsWith("==", c, StringComparison.Ordinal));

        var alphabet = SecretAlphabet.Observe(cookies);

        Assert.Equal(64, alphabet.Size);
        Assert.DoesNotContain('=', alphabet.Alphabet);
        Assert.True(SecretAlphabet.CharacterChiSquare(cookies, alphabet.Alphabet) < SecretAlphabet.ChiSquareLimit(63));
    }

    [Fact]
    public void A_skewed_draw_fails_the_character_chi_square_and_a_uniform_one_passes()
    {
        var uniform = Samples(48, () => Letters(40));
        // Every character is A half of the time, at no fixed position: the alphabet is still A–Z, the draw is not uniform.
        var skewed = Samples(48, () => string.Concat(Letters(40).Select(c => RandomNumberGenerator.GetInt32(2) == 0 ? 'A' : c)));

        var limit = SecretAlphabet.ChiSquareLimit(25);

        Assert.True(SecretAlphabet.CharacterChiSquare(uniform, SecretAlphabet.Observe(uniform).Alphabet) < limit);
        Assert.True(SecretAlphabet.CharacterChiSquare(skewed, SecretAlphabet.Observe(skewed).Alphabet) > limit);
    }

    /// <summary>The byte-level test's constant (377.3, df 255) and the approximation agree to within a few tenths.</summary>
    [Fact]
    public void The_chi_square_limit_agrees_with_the_byte_tests_value_for_255_degrees_of_freedom() =>
        Assert.InRange(SecretAlphabet.ChiSquareLimit(255), 376.8, 377.8);
}
