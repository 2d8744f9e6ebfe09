namespace Beamtalk.Conformance.Principles.Analysis;

/// <summary>
/// The repository's own settings, read from <c>.beamtalk-principles.yaml</c> at the head revision. Only one key
/// exists, so a line reader does instead of a YAML library:
/// <code>
/// tests:
///   - priv/test_data/
///   - "**/fixtures/**"
/// </code>
/// </summary>
public static class RepositorySettings
{
    public const string FileName = ".beamtalk-principles.yaml";

    /// <summary>The test paths the file adds to the conventions; unknown keys are ignored so the file can grow.</summary>
    public static TestPaths Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TestPaths.Conventional;
        }

        var globs = new List<string>();
        var inTests = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            line = (hash >= 0 ? line[..hash] : line).TrimEnd();
            if (line.Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]) && !line.StartsWith('-'))
            {
                inTests = line.Trim() == "tests:";
                continue;
            }

            if (inTests && line.TrimStart().StartsWith('-'))
            {
                globs.Add(line.TrimStart()[1..].Trim().Trim('"', '\''));
            }
        }

        return new TestPaths(globs);
    }
}
