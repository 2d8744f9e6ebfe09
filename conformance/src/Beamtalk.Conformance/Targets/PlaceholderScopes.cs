namespace Beamtalk.Conformance.Targets;

/// <summary>
/// Which placeholders each target-file field may use, so an unknown one (<c>{pid}</c> in <c>layout.portFile</c>) is
/// refused when the file is loaded, before anything starts, rather than when the first check expands it. The canary
/// and the Python expressions are not here: they are code in the target's language, where braces are syntax, and the
/// kit replaces only their own documented words in them.
/// </summary>
internal static class PlaceholderScopes
{
    private static readonly string[] Instance = ["home", "workspace", "workspaceDir", "targetDir"];

    /// <summary>Every expanded word of the file with its field path and the placeholders that field knows.</summary>
    public static IEnumerable<(string Field, string Word, IReadOnlyList<string> Known)> Words(TargetDescription d)
    {
        var c = d.Commands;
        IEnumerable<(string, IReadOnlyList<string>?, IReadOnlyList<string>)> commands =
        [
            ("commands.create", c.Create, Instance),
            ("commands.start", c.Start, Instance),
            ("commands.stop", c.Stop, Instance),
            ("commands.rotate", c.Rotate, Instance),
            ("commands.startWithoutSubprocess", c.StartWithoutSubprocess, Instance),
            ("commands.startOnAddress", c.StartOnAddress, [.. Instance, "bind"]),
            ("commands.startOnAddressConfirmed", c.StartOnAddressConfirmed, [.. Instance, "bind"]),
            ("commands.startWithTrustedCa", c.StartWithTrustedCa, [.. Instance, "ca"]),
            .. (c.Exercise ?? []).Select((command, i) => ($"commands.exercise[{i}]", (IReadOnlyList<string>?)command, (IReadOnlyList<string>)Instance)),
            ("layout.workspaceDirectory", [d.Layout.WorkspaceDirectory], ["home", "workspace", "targetDir"]),
            ("layout.cookie", [d.Layout.Cookie], Instance),
            ("layout.portFile", d.Layout.PortFile is { } port ? [port] : null, Instance),
            ("layout.pidFile", d.Layout.PidFile is { } pid ? [pid] : null, Instance),
            ("layout.outputs", d.Layout.Outputs, Instance),
            .. (d.Environment ?? new Dictionary<string, string>()).Select(e => ($"environment.{e.Key}", (IReadOnlyList<string>?)[e.Value], (IReadOnlyList<string>)Instance)),
            ("container.include", d.Container?.Include, ["targetDir"]),
            ("container.start", d.Container?.Start, [.. Instance, "port"]),
            .. (d.Container?.Environment ?? new Dictionary<string, string>()).Select(e => ($"container.environment.{e.Key}", (IReadOnlyList<string>?)[e.Value], (IReadOnlyList<string>)[.. Instance, "port"])),
        ];

        foreach (var (field, words, known) in commands)
        {
            foreach (var word in words ?? [])
            {
                yield return (field, word, known);
            }
        }
    }

    /// <summary>The first placeholder of the file that its field does not know, or whose variable is unset, as (field, problem).</summary>
    public static (string Field, string Problem)? FirstProblem(TargetDescription description)
    {
        foreach (var (field, word, known) in Words(description))
        {
            foreach (var name in Placeholders.NamesIn(word))
            {
                if (name.StartsWith("env:", StringComparison.Ordinal))
                {
                    if (Environment.GetEnvironmentVariable(name[4..]) is null)
                    {
                        return (field, $"\"{word}\" uses {{{name}}}, but the environment variable {name[4..]} is not set");
                    }
                }
                else if (!known.Contains(name, StringComparer.Ordinal))
                {
                    return (field, $"\"{word}\" uses the unknown placeholder {{{name}}}; this field knows {string.Join(", ", known.Select(k => $"{{{k}}}"))} and {{env:NAME}}");
                }
            }
        }

        return null;
    }
}
