using FsCheck;
using FsCheck.Fluent;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// A wrong cookie described by how it differs from the real one. The description never contains
/// the real cookie, so FsCheck can print a counterexample without leaking the secret.
/// </summary>
public abstract record CookieMutation
{
    public abstract string Apply(string cookie);

    public sealed record Prefix(int Length) : CookieMutation
    {
        public override string Apply(string cookie) => cookie[..Math.Min(Length, cookie.Length - 1)];
    }

    public sealed record Suffix(int Length) : CookieMutation
    {
        public override string Apply(string cookie) => cookie[^Math.Min(Length, cookie.Length - 1)..];
    }

    public sealed record Replace(int Position, char With) : CookieMutation
    {
        public override string Apply(string cookie)
        {
            var at = Position % cookie.Length;
            var replacement = cookie[at] == With ? (char)(With + 1) : With;
            return string.Concat(cookie.AsSpan(0, at), replacement.ToString(), cookie.AsSpan(at + 1));
        }
    }

    public sealed record Delete(int Position) : CookieMutation
    {
        public override string Apply(string cookie) => cookie.Remove(Position % cookie.Length, 1);
    }

    public sealed record Insert(int Position, char What) : CookieMutation
    {
        public override string Apply(string cookie) => cookie.Insert(Position % (cookie.Length + 1), What.ToString());
    }

    public sealed record FlipCase(int Position) : CookieMutation
    {
        public override string Apply(string cookie)
        {
            // Flip the first letter at or after Position, so the result always differs from the cookie when it has letters.
            for (var i = 0; i < cookie.Length; i++)
            {
                var at = (Position + i) % cookie.Length;
                if (char.IsAsciiLetter(cookie[at]))
                {
                    var flipped = char.IsAsciiLetterUpper(cookie[at]) ? char.ToLowerInvariant(cookie[at]) : char.ToUpperInvariant(cookie[at]);
                    return string.Concat(cookie.AsSpan(0, at), flipped.ToString(), cookie.AsSpan(at + 1));
                }
            }

            return cookie + "x";
        }
    }

    public sealed record AllCaseFlipped : CookieMutation
    {
        public override string Apply(string cookie)
        {
            var flipped = string.Concat(cookie.Select(c => char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));
            return flipped == cookie ? cookie + "x" : flipped;
        }
    }

    public sealed record Padded(string Before, string After) : CookieMutation
    {
        public override string Apply(string cookie) => Before + cookie + After;

        public override string ToString() => $"Padded {{ Before = {Escape(Before)}, After = {Escape(After)} }}";
    }

    /// <summary>One character replaced by a Unicode look-alike (Cyrillic, Greek, fullwidth).</summary>
    public sealed record LookAlike(int Position) : CookieMutation
    {
        public override string Apply(string cookie)
        {
            for (var i = 0; i < cookie.Length; i++)
            {
                var at = (Position + i) % cookie.Length;
                if (LookAlikes.TryGetValue(cookie[at], out var twin))
                {
                    return string.Concat(cookie.AsSpan(0, at), twin, cookie.AsSpan(at + 1));
                }
            }

            return "\uFF10" + cookie;
        }
    }

    public sealed record Doubled : CookieMutation
    {
        public override string Apply(string cookie) => cookie + cookie;
    }

    public sealed record Empty : CookieMutation
    {
        public override string Apply(string cookie) => string.Empty;
    }

    /// <summary>An unrelated string of the same length and alphabet.</summary>
    public sealed record Unrelated(int Seed) : CookieMutation
    {
        public override string Apply(string cookie)
        {
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            var random = new Random(Seed);
            var text = new string([.. Enumerable.Range(0, cookie.Length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            return text == cookie ? text + "x" : text;
        }
    }

    private static readonly Dictionary<char, string> LookAlikes = new()
    {
        ['a'] = "\u0430", ['e'] = "\u0435", ['o'] = "\u043E", ['p'] = "\u0440", ['c'] = "\u0441", ['x'] = "\u0445",
        ['A'] = "\u0391", ['B'] = "\u0392", ['E'] = "\u0395", ['H'] = "\u0397", ['K'] = "\u039A", ['M'] = "\u039C",
        ['0'] = "\uFF10", ['1'] = "\uFF11", ['-'] = "\u2010", ['_'] = "\uFF3F",
    };

    private static string Escape(string text) =>
        '"' + string.Concat(text.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString())) + '"';

    /// <summary>Mutations of every kind, weighted towards the near misses a broken comparison lets through.</summary>
    public static Gen<CookieMutation> Generator(int cookieLength)
    {
        var position = Gen.Choose(0, Math.Max(0, cookieLength - 1));
        var length = Gen.Choose(0, Math.Max(0, cookieLength - 1));
        var printable = Gen.Choose(0x21, 0x7E).Select(c => (char)c);
        var padding = Gen.Elements(" ", "\n", "\t", "\r\n", "\0", "\u00A0", "=", "==");

        return Gen.Frequency(
            (4, length.Select(n => (CookieMutation)new Prefix(n))),
            (2, length.Select(n => (CookieMutation)new Suffix(n))),
            (4, position.SelectMany(p => printable, (p, c) => (CookieMutation)new Replace(p, c))),
            (2, position.Select(p => (CookieMutation)new Delete(p))),
            (2, position.SelectMany(p => printable, (p, c) => (CookieMutation)new Insert(p, c))),
            (2, position.Select(p => (CookieMutation)new FlipCase(p))),
            (1, Gen.Constant((CookieMutation)new AllCaseFlipped())),
            (2, padding.SelectMany(b => Gen.Elements(string.Empty, " ", "\n", "\0"), (b, a) => (CookieMutation)new Padded(b, a))),
            (2, padding.Select(a => (CookieMutation)new Padded(string.Empty, a))),
            (2, position.Select(p => (CookieMutation)new LookAlike(p))),
            (1, Gen.Constant((CookieMutation)new Doubled())),
            (1, Gen.Constant((CookieMutation)new Empty())),
            (2, Gen.Choose(0, int.MaxValue).Select(s => (CookieMutation)new Unrelated(s))));
    }

    /// <summary>Cases a property run may or may not draw, always tried: the edges of the space.</summary>
    public static IReadOnlyList<CookieMutation> Edges(int cookieLength) =>
    [
        new Empty(),
        new Prefix(cookieLength - 1),
        new Suffix(cookieLength - 1),
        new Replace(cookieLength - 1, 'A'),
        new Replace(0, 'A'),
        new Padded(string.Empty, "\n"),
        new Padded(" ", string.Empty),
        new AllCaseFlipped(),
        new LookAlike(0),
        new Doubled(),
    ];
}
