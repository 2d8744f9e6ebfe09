namespace Beamtalk.Conformance.Principles.Source;

/// <summary>The languages the check has rule packs for.</summary>
public enum Language
{
    CSharp,
    Erlang,
    Rust,
    Python,
    Shell,
    Elixir,

    /// <summary>Deployment and runtime configuration: YAML, TOML, JSON, .env, Dockerfiles, systemd units, compose files.</summary>
    Config,
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
            ".ex" or ".exs" => Language.Elixir,
            _ when IsConfig(name) => Language.Config,
            _ => null,
        };
    }

    /// <summary>Configuration a deployment reads; lock files and package manifests hold no address, secret or mode.</summary>
    private static bool IsConfig(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower is "package-lock.json" or "package.json" or "tsconfig.json" or "composer.json" or "cargo.lock" or "mix.lock" or "renovate.json" or "codecov.yml" or ".pre-commit-config.yaml" or ".readthedocs.yaml" or ".readthedocs.yml" or "environment.yml")
        {
            return false;
        }

        return lower.StartsWith("dockerfile", StringComparison.Ordinal) || lower.EndsWith(".dockerfile", StringComparison.Ordinal)
            || lower == ".env" || lower.StartsWith(".env.", StringComparison.Ordinal) || lower.EndsWith(".env", StringComparison.Ordinal)
            || System.IO.Path.GetExtension(lower) is ".yaml" or ".yml" or ".toml" or ".json" or ".service" or ".socket" or ".conf" or ".ini" or ".cfg";
    }

    public static string DisplayName(Language language) => language switch
    {
        Language.CSharp => "C#",
        Language.Erlang => "Erlang",
        Language.Rust => "Rust",
        Language.Python => "Python",
        Language.Shell => "Shell",
        Language.Elixir => "Elixir",
        Language.Config => "Configuration",
        _ => language.ToString(),
    };
}
