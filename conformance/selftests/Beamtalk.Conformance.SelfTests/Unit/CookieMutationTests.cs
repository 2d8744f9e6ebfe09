using Beamtalk.Conformance.Checks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Beamtalk.Conformance.SelfTests.Unit;

public sealed class CookieMutationTests
{
    private const int CookieLength = 43;

    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly Gen<string> Cookies =
        Gen.Elements(Base64UrlAlphabet.ToCharArray()).ArrayOf(CookieLength).Select(c => new string(c));

    /// <summary>Cookies a random draw almost never gives: no letters, one repeated letter, no look-alike characters.</summary>
    private static readonly string[] OddCookies =
    [
        new string('7', CookieLength),
        new string('a', CookieLength),
        new string('Z', CookieLength),
        new string('-', CookieLength),
        string.Concat(Enumerable.Repeat("2345", 11))[..CookieLength],
        string.Concat(Enumerable.Repeat("2_9-", 11))[..CookieLength],
    ];

    private static readonly Gen<string> AnyCookie = Gen.Frequency((9, Cookies), (1, Gen.Elements(OddCookies)));

    private static readonly Gen<(string Cookie, CookieMutation Mutation)> CookieAndMutation =
        AnyCookie.Zip(CookieMutation.Generator(CookieLength));

    private static readonly Gen<(string Cookie, CookieMutation Mutation)> CookieAndEdge =
        AnyCookie.Zip(Gen.Elements(CookieMutation.Edges(CookieLength).ToArray()));

    private static bool DescriptionHidesTheCookie(CookieMutation mutation, string cookie)
    {
        var description = mutation.ToString();
        return !Enumerable.Range(0, cookie.Length - 7).Any(i => description.Contains(cookie.Substring(i, 8), StringComparison.Ordinal));
    }

    [Property(MaxTest = 2000)]
    public Property A_generated_mutation_never_gives_back_the_cookie() =>
        Prop.ForAll(Arb.From(CookieAndMutation), c => c.Mutation.Apply(c.Cookie) != c.Cookie);

    [Property(MaxTest = 500)]
    public Property An_edge_mutation_never_gives_back_the_cookie() =>
        Prop.ForAll(Arb.From(CookieAndEdge), c => c.Mutation.Apply(c.Cookie) != c.Cookie);

    [Theory]
    [MemberData(nameof(OddCookieIndexes))]
    public void Every_edge_changes_even_an_odd_cookie(int index)
    {
        var cookie = OddCookies[index];

        Assert.All(CookieMutation.Edges(CookieLength), edge => Assert.NotEqual(cookie, edge.Apply(cookie)));
    }

    public static TheoryData<int> OddCookieIndexes => [.. Enumerable.Range(0, OddCookies.Length)];

    [Property(MaxTest = 2000)]
    public Property A_mutation_description_never_contains_the_cookie_or_any_8_characters_of_it() =>
        Prop.ForAll(Arb.From(CookieAndMutation), c => DescriptionHidesTheCookie(c.Mutation, c.Cookie));

    [Property(MaxTest = 200)]
    public Property An_edge_description_never_contains_the_cookie_or_any_8_characters_of_it() =>
        Prop.ForAll(Arb.From(Cookies), cookie => CookieMutation.Edges(CookieLength).All(edge => DescriptionHidesTheCookie(edge, cookie)));

    [Fact]
    public void The_edges_include_the_empty_cookie_and_the_longest_prefix_and_suffix()
    {
        const string cookie = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq";
        var results = CookieMutation.Edges(CookieLength).Select(e => e.Apply(cookie)).ToList();

        Assert.Contains(string.Empty, results);
        Assert.Contains(cookie[..^1], results);
        Assert.Contains(cookie[1..], results);
        Assert.Contains(cookie + cookie, results);
        Assert.Contains(cookie + "\n", results);
        Assert.Contains(" " + cookie, results);
    }

    [Fact]
    public void A_padded_mutation_prints_its_padding_escaped()
    {
        var padded = new CookieMutation.Padded("\0", "\u00A0\n");

        Assert.Equal("Padded { Before = \"\\u0000\", After = \"\\u00A0\\u000A\" }", padded.ToString());
    }

    [Theory]
    [InlineData(0, 'A', "BBCD")]
    [InlineData(1, 'A', "AACD")]
    [InlineData(5, 'x', "AxCD")]
    public void Replace_wraps_its_position_and_never_writes_the_same_character(int position, char with, string expected) =>
        Assert.Equal(expected, new CookieMutation.Replace(position, with).Apply("ABCD"));
}
