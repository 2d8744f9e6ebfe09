namespace Beamtalk.Conformance.Observation;

/// <summary>A place where some spelling of the cookie was found. It names the place and the spelling, never the text.</summary>
public sealed record Leak(string Source, int Line, string Form)
{
    public override string ToString() => $"{Source} line {Line} ({Form})";
}

/// <summary>Searches named texts for any spelling of the cookie.</summary>
public static class LeakScanner
{
    public static Leak? Find(CookieForms forms, IEnumerable<(string Source, string Text)> texts)
    {
        foreach (var (source, text) in texts)
        {
            if (forms.FindIn(text) is not { } form)
            {
                continue;
            }

            var line = 1 + text.AsSpan(0, text.IndexOf(form.Text, form.Comparison)).Count('\n');
            return new Leak(source, line, form.Name);
        }

        return null;
    }

    /// <summary>Reads the files that exist; a file that vanished in between has nothing left to leak.</summary>
    public static IEnumerable<(string Source, string Text)> Files(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            yield return (path, text);
        }
    }
}
