using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.Principles.Analysis;

/// <summary>
/// Which paths hold tests and fixtures, whose deliberate defects (a fixture that binds 0.0.0.0) never ship: the
/// conventions of each language, plus globs a repository adds in <c>.beamtalk-principles.yaml</c>.
/// </summary>
public sealed partial class TestPaths
{
    private static readonly string[] Folders = ["test", "tests", "selftests", "spec", "specs", "fixtures", "test_fixtures", "test_support", "testdata", "test_data", "__tests__", "corpus", "benches", "testing"];

    private readonly IReadOnlyList<Regex> _extra;

    public TestPaths(IEnumerable<string>? globs = null) => _extra = (globs ?? []).Select(Glob).ToList();

    /// <summary>The language conventions alone.</summary>
    public static TestPaths Conventional { get; } = new();

    public IReadOnlyList<string> Globs => _extra.Select(r => r.ToString()).ToList();

    public bool IsTestCode(string path)
    {
        var normal = path.Replace('\\', '/');
        var segments = normal.Split('/');
        var name = segments[^1];
        return segments[..^1].Any(s =>
                   Folders.Contains(s, StringComparer.OrdinalIgnoreCase)
                   || s.EndsWith(".Tests", StringComparison.Ordinal)
                   || s.EndsWith(".Test", StringComparison.Ordinal)
                   || s.EndsWith("Tests", StringComparison.Ordinal)
                   || s.EndsWith(".KnownBad", StringComparison.Ordinal))
               || name.StartsWith("test_", StringComparison.Ordinal)
               || name is "conftest.py" or "tests.rs" or "test_helper.exs"
               || (name == "test.exs" && segments.Length > 1 && segments[^2] == "config")
               || TestFileName().IsMatch(name)
               || _extra.Any(r => r.IsMatch(normal));
    }

    /// <summary>A glob of the configuration file: <c>**</c> any folders, <c>*</c> within one name, a trailing / a whole folder.</summary>
    private static Regex Glob(string glob)
    {
        var text = glob.Trim().TrimStart('/');
        var pattern = Regex.Escape(text.EndsWith('/') ? text + "**" : text)
            .Replace(@"\*\*/", "(?:.*/)?", StringComparison.Ordinal)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);
        return new Regex($"^{pattern}$", RegexOptions.CultureInvariant);
    }

    // Python *_test.py, Elixir *_test.exs, Erlang *_SUITE.erl and eunit *_tests.erl / *_test.erl, Rust *_tests.rs, C# *Tests.cs.
    [GeneratedRegex(@"(?:_test\.(?:py|exs|erl)|_tests\.(?:erl|rs|py)|_SUITE\.erl|Tests?\.cs)$")]
    private static partial Regex TestFileName();
}
