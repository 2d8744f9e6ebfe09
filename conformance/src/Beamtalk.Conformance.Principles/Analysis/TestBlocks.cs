using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Source;

namespace Beamtalk.Conformance.Principles.Analysis;

/// <summary>
/// Test code inside product files: Rust's <c>#[cfg(test)]</c> items and <c>mod tests</c>, and <c>#[test]</c>
/// functions, followed by their braces. Read from the diff alone: a hunk deep inside a test module whose
/// <c>#[cfg(test)]</c> line is outside every hunk is not recognised (the module is usually last in the file,
/// so a hunk that shows its start marks everything after it).
/// </summary>
public static partial class TestBlocks
{
    public static bool[] Mark(IReadOnlyList<ScannedLine> lines, Language language)
    {
        var inTest = new bool[lines.Count];
        if (language != Language.Rust)
        {
            return inTest;
        }

        var depth = 0;
        var pending = false;
        int? regionDepth = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Skeleton;
            if (regionDepth is null && (TestAttribute().IsMatch(text) || TestModule().IsMatch(text)))
            {
                pending = true;
            }

            if (pending || regionDepth is not null)
            {
                inTest[i] = true;
            }

            foreach (var c in text)
            {
                if (c == '{')
                {
                    if (pending && regionDepth is null)
                    {
                        regionDepth = depth;
                        pending = false;
                    }

                    depth++;
                }
                else if (c == '}')
                {
                    depth--;
                    if (regionDepth is not null && depth <= regionDepth)
                    {
                        regionDepth = null;
                    }
                }
            }

            // `#[cfg(test)] use ...;` applies to one item without braces.
            if (pending && text.TrimEnd().EndsWith(';') && !TestAttribute().IsMatch(text))
            {
                pending = false;
            }
        }

        return inTest;
    }

    [GeneratedRegex(@"#\[\s*cfg\s*\(\s*test\s*\)\s*\]|#\[\s*(?:tokio::|async_std::)?test\b|#\[\s*rstest\b")]
    private static partial Regex TestAttribute();

    [GeneratedRegex(@"^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+tests?\s*\{")]
    private static partial Regex TestModule();
}
