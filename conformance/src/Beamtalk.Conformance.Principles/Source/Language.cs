namespace Beamtalk.Conformance.Principles.Source;

/// <summary>The languages the check has rule packs for.</summary>
public enum Language
{
    CSharp,
    Erlang,
    Rust,
    Python,
    Shell,
}

public static class Languages
{
    /// <summary>The language of a path from its extension (or its name, for shell scripts without one), or null.</summary>
    public static Language? Detect(string path)
    {
        var name = Path.GetFileName(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".cs" => Language.CSharp,
            ".erl" or ".hrl" or ".escript" => Language.Erlang,
            ".rs" => Language.Rust,
            ".py" or ".pyw" => Language.Python,
            ".sh" or ".bash" => Language.Shell,
            "" when name is "run" or "setup" or "entrypoint" => Language.Shell,
            _ => null,
        };
    }

    public static string DisplayName(Language language) => language switch
    {
        Language.CSharp => "C#",
        Language.Erlang => "Erlang",
        Language.Rust => "Rust",
        Language.Python => "Python",
        Language.Shell => "Shell",
        _ => language.ToString(),
    };
}
