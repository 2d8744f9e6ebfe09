using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Containers;

/// <summary>
/// Images of targets, imported from a root file system tar (no registry, no base image). The tag is the content
/// fingerprint, so an unchanged target reuses its image across runs; importing a new one removes the family's older
/// tags, so images never pile up.
/// </summary>
internal static partial class TargetImages
{
    public const string Repository = "beamtalk-conformance";

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Built = new(StringComparer.Ordinal);

    /// <summary>The image for <paramref name="target"/>, built at most once per run.</summary>
    public static Task<string> EnsureAsync(Target target, TargetContainer container, CancellationToken cancellationToken)
    {
        var include = container.Include.Select(p => Placeholders.Expand(p, new Dictionary<string, string> { ["targetDir"] = target.Description.BaseDirectory ?? Environment.CurrentDirectory })).ToList();
        var key = $"{Family(target.Name)}\n{string.Join('\n', include)}";
        return Built.GetOrAdd(key, _ => new Lazy<Task<string>>(() => BuildAsync(Family(target.Name), include, cancellationToken))).Value;
    }

    /// <summary>"reference", or "known-bad" for every "known-bad:…" target: one image per program, whatever its start arguments.</summary>
    public static string Family(string targetName)
    {
        var family = targetName.Split(':')[0].ToLowerInvariant();
        return NotInName().Replace(family, "-").Trim('-') is { Length: > 0 } name ? name : "target";
    }

    private static async Task<string> BuildAsync(string family, IReadOnlyList<string> include, CancellationToken cancellationToken)
    {
        var root = await RootFilesystem.GatherAsync(include, cancellationToken);
        var repository = $"{Repository}/{family}";
        var tag = $"{repository}:{root.Fingerprint()[..20]}";
        var present = await DockerCli.RunAsync(["image", "inspect", "--format", "{{.Id}}", tag], cancellationToken);
        if (present.ExitCode != 0)
        {
            var folder = Directory.CreateTempSubdirectory("beamtalk-conformance-image-");
            try
            {
                var tar = Path.Combine(folder.FullName, "rootfs.tar");
                await root.WriteTarAsync(tar, cancellationToken);
                await DockerCli.RequireAsync(["import", "--message", $"{root.FileCount} files of the {family} target and its libraries", tar, tag], cancellationToken);
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }

        await RemoveSupersededAsync(repository, tag, cancellationToken);
        return tag;
    }

    private static async Task RemoveSupersededAsync(string repository, string current, CancellationToken cancellationToken)
    {
        var listed = await DockerCli.RunAsync(["image", "ls", "--format", "{{.Repository}}:{{.Tag}}", repository], cancellationToken);
        foreach (var old in listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(t => t != current))
        {
            // An image a container still uses stays until the next run; never force it away from under someone.
            _ = await DockerCli.RunAsync(["image", "rm", old], cancellationToken);
        }
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotInName();
}
