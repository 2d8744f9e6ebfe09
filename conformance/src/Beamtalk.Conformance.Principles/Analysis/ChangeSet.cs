using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.Principles.Analysis;

/// <summary>A place in the change: a file and a line of its new side, or of its old side for a removed line.</summary>
public sealed record Location(string Path, int Line, bool Removed = false)
{
    public override string ToString() => Removed ? $"{Path}:{Line} (removed)" : $"{Path}:{Line}";
}

/// <summary>A definition that gives a setting its value, found somewhere in the change.</summary>
public sealed record Definition(Location Where, string Name, BindScope Scope, string Literal, bool IsChanged);

/// <summary>
/// Every scanned file of one change, and what the rules need across files: where a setting gets its default
/// value, and which types or functions create files owner-only.
/// </summary>
public sealed partial class ChangeSet
{
    private readonly Dictionary<string, List<Definition>> _definitions = new(StringComparer.Ordinal);

    public ChangeSet(IReadOnlyList<SourceFile> files)
    {
        Files = files;
        foreach (var file in files)
        {
            for (var i = 0; i < file.Lines.Count; i++)
            {
                IndexDefinitions(file, i);
            }
        }
    }

    public IReadOnlyList<SourceFile> Files { get; }

    /// <summary>Whether a file of this change is test code, by the repository's test paths.</summary>
    public bool IsTestCode(string path) => Files.FirstOrDefault(f => f.Path == path)?.IsTestCode ?? TestPaths.Conventional.IsTestCode(path);

    /// <summary>Names (types, functions) whose code creates files with an owner-only mode; filled by the rules' first pass.</summary>
    public HashSet<string> OwnerOnlyCreators { get; } = new(StringComparer.Ordinal);

    /// <summary>Normalises BindAddress, bind_address, --bind-address and BIND_ADDRESS to one key.</summary>
    public static string Key(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>Definitions of <paramref name="name"/> whose value says what it binds.</summary>
    public IReadOnlyList<Definition> DefinitionsOf(string name) =>
        _definitions.TryGetValue(Key(name), out var found) ? found : [];

    private void IndexDefinitions(SourceFile file, int index)
    {
        var line = file.Lines[index];
        foreach (Match match in Assignment().Matches(line.Code))
        {
            Add(file, line, match.Groups["name"].Value, match.Groups["value"].Value);
        }

        // Option declarations: --bind with a default (argparse, clap, System.CommandLine, shell ${BIND:-...}).
        foreach (Match option in OptionWithDefault().Matches(line.Code))
        {
            Add(file, line, option.Groups["name"].Value, option.Groups["value"].Value);
        }

        foreach (Match expansion in ShellDefault().Matches(line.Code))
        {
            Add(file, line, expansion.Groups["name"].Value, expansion.Groups["value"].Value);
        }
    }

    private void Add(SourceFile file, Source.ScannedLine line, string name, string value)
    {
        var (scope, literal) = AddressClassifier.Classify(value);
        if (scope == BindScope.Unknown)
        {
            return;
        }

        var key = Key(name);
        if (!_definitions.TryGetValue(key, out var list))
        {
            _definitions[key] = list = [];
        }

        list.Add(new Definition(file.At(line), name, scope, literal, line.IsChanged));
    }

    [GeneratedRegex(@"(?<![\w.$])(?:[A-Za-z_][\w]*\.)*(?<name>[A-Za-z_]\w*)\s*(?:\{\s*get;[^}]*\}\s*)?(?::\s*[^=;,()]+?)?\s*(?:=>|(?<![=!<>:])=(?![=>]))\s*(?<value>[^;]+)")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"[""']--(?<name>[\w-]+)[""'][^\n]*?(?:default(?:_value)?\s*[=:]|DefaultValueFactory\s*=\s*_\s*=>)\s*(?<value>[^,)}]+)")]
    private static partial Regex OptionWithDefault();

    [GeneratedRegex(@"\$\{(?<name>\w+):?-(?<value>[^}]+)\}")]
    private static partial Regex ShellDefault();
}
