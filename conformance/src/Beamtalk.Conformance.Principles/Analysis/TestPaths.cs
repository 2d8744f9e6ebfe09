namespace Beamtalk.Conformance.Principles.Analysis;

/// <summary>Which paths hold tests and fixtures, whose deliberate defects (a fixture that binds 0.0.0.0) never ship.</summary>
public static class TestPaths
{
    private static readonly string[] Folders = ["test", "tests", "selftests", "spec", "specs", "fixtures", "testdata", "__tests__", "corpus"];

    public static bool IsTestCode(string path)
    {
        var segments = path.Replace('\\', '/').Split('/');
        return segments[..^1].Any(s =>
                   Folders.Contains(s, StringComparer.OrdinalIgnoreCase)
                   || s.EndsWith(".Tests", StringComparison.Ordinal)
                   || s.EndsWith("Tests", StringComparison.Ordinal)
                   || s.EndsWith(".KnownBad", StringComparison.Ordinal))
               || segments[^1].StartsWith("test_", StringComparison.Ordinal)
               || segments[^1].EndsWith("_test.py", StringComparison.Ordinal)
               || segments[^1].EndsWith("_SUITE.erl", StringComparison.Ordinal)
               || segments[^1].EndsWith("Tests.cs", StringComparison.Ordinal);
    }
}
