namespace Beamtalk.Conformance.Timing;

/// <summary>The kinds of wrong value the timing tests present. None of them is ever the secret.</summary>
public enum TimingClass
{
    /// <summary>The secret's length, differing from its first character on.</summary>
    ZeroShared,

    /// <summary>The secret with only its last character changed: what a byte-wise early exit takes longest on.</summary>
    AllButLast,

    /// <summary>
    /// One character shorter or longer than the secret (chosen at random, half each), differing from
    /// the first character. Both signs on purpose: work that grows with the presented value's length
    /// (reading, encoding, hashing it) averages out to the right length's, so only a branch on the
    /// length itself separates this class from <see cref="ZeroShared"/>.
    /// </summary>
    WrongLength,
}

/// <summary>Makes wrong values of each class from the secret; the secret itself never leaves this type.</summary>
public sealed class TimingInputs(string secret, Random random)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public int SecretLength => secret.Length;

    public string Next(TimingClass kind) => kind switch
    {
        TimingClass.ZeroShared => Differing(secret.Length),
        TimingClass.AllButLast => string.Concat(secret.AsSpan(0, secret.Length - 1), OtherThan(secret[^1]).ToString()),
        TimingClass.WrongLength => Differing(secret.Length + (random.Next(2) == 0 ? -1 : 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Random characters of the secret's alphabet, the first one unlike the secret's first.</summary>
    private string Differing(int length)
    {
        var chars = new char[Math.Max(length, 1)];
        chars[0] = OtherThan(secret.Length > 0 ? secret[0] : '\0');
        for (var i = 1; i < chars.Length; i++)
        {
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return new string(chars);
    }

    private char OtherThan(char c)
    {
        char other;
        do
        {
            other = Alphabet[random.Next(Alphabet.Length)];
        }
        while (other == c);
        return other;
    }
}
