using System.Globalization;
using System.Text;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// How many bits a secret can carry, judged from what several samples actually used: the characters seen across all of
/// them, and the positions that ever changed. Decoding the text instead (as base64url, say) credits a secret with an
/// alphabet it never uses: twenty letters A–Z decode to 15 bytes, "120 bits", where they carry at most 94. The figure
/// is an upper bound: each varying position is assumed to be drawn uniformly from the whole observed alphabet.
/// </summary>
public sealed record SecretAlphabet(int Samples, int Length, string Alphabet, int FixedPositions)
{
    public int Size => Alphabet.Length;

    public int VaryingPositions => Length - FixedPositions;

    public double BitsPerCharacter => Size <= 1 ? 0 : Math.Log2(Size);

    public double Bits => VaryingPositions * BitsPerCharacter;

    public static SecretAlphabet Observe(IReadOnlyList<string> samples)
    {
        var length = samples.Min(s => s.Length);
        // A position that held the same character in every sample (a prefix such as "bt_", base64 padding) carries
        // nothing, and its characters are not part of what the secret is drawn from.
        var fixedPositions = Enumerable.Range(0, length).Count(i => samples.All(s => s[i] == samples[0][i]));
        var alphabet = string.Concat(VaryingCharacters(samples).Distinct().Order());
        return new SecretAlphabet(samples.Count, length, alphabet, fixedPositions);
    }

    /// <summary>Every character of every sample at a position that varies across the samples (beyond the shortest, all vary).</summary>
    public static IEnumerable<char> VaryingCharacters(IReadOnlyList<string> samples)
    {
        var length = samples.Min(s => s.Length);
        var varying = Enumerable.Range(0, length).Where(i => samples.Any(s => s[i] != samples[0][i])).ToHashSet();
        return samples.SelectMany(s => s.Where((_, i) => i >= length || varying.Contains(i)));
    }

    /// <summary>The alphabet as ranges a reader recognises: "A–Z (26)", "-0–9A–Z_a–z (64)".</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Alphabet.Length;)
        {
            var end = i;
            while (end + 1 < Alphabet.Length && Alphabet[end + 1] == Alphabet[end] + 1)
            {
                end++;
            }

            text.Append(end - i >= 2 ? $"{Printable(Alphabet[i])}–{Printable(Alphabet[end])}" : string.Concat(Alphabet[i..(end + 1)].Select(Printable)));
            i = end + 1;
        }

        return $"{text} ({Size})";
    }

    /// <summary>One sentence on the estimate, saying where it comes from.</summary>
    public string Explain() => string.Create(CultureInfo.InvariantCulture,
        $"{Samples} fresh cookies of {Length} characters use the alphabet {Describe()}; {VaryingPositions} of their positions vary{(FixedPositions > 0 ? $" ({FixedPositions} never changed and count for nothing)" : string.Empty)}, so each carries at most {VaryingPositions} × log2 {Size} = {Bits:0.0} bits (estimated from the characters observed, not from decoding the text)");

    /// <summary>
    /// Whether decoding as an encoding says anything: only when the samples use that encoding's whole alphabet. Sixty
    /// letters A–Z are valid base64url too, but their decoded bytes would look biased when they are only letters.
    /// </summary>
    public bool IsWholeAlphabetOf(string encodingAlphabet) =>
        Size == encodingAlphabet.Length && Alphabet.All(encodingAlphabet.Contains);

    /// <summary>Chi-square of the varying positions' character frequencies against a uniform draw from the observed alphabet (df = size − 1).</summary>
    public static double CharacterChiSquare(IReadOnlyList<string> samples, string alphabet)
    {
        var characters = VaryingCharacters(samples).ToList();
        var expected = characters.Count / (double)alphabet.Length;
        var counts = characters.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        return alphabet.Sum(c => Math.Pow(counts.GetValueOrDefault(c) - expected, 2) / expected);
    }

    /// <summary>The one-sided 10^-6 quantile of chi-square with <paramref name="degrees"/> degrees of freedom (Wilson–Hilferty).</summary>
    public static double ChiSquareLimit(int degrees)
    {
        const double Z = 4.753;
        var k = (double)degrees;
        return k * Math.Pow(1 - (2 / (9 * k)) + (Z * Math.Sqrt(2 / (9 * k))), 3);
    }

    private static string Printable(char c) => c is >= '!' and <= '~' ? c.ToString() : $"U+{(int)c:X4}";
}
