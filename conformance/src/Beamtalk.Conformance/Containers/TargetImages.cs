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

    private static readonly ConcurrentDictionary<string, Lazy<Task<Gathered>>> Gatherings = new(StringComparer.Ordinal);
    private static readonly SemaphoreSlim Importing = new(1, 1);

    private sealed record Gathered(RootFilesystem Root, string Family, string Tag);

    /// <summary>
    /// The image for <paramref name="target"/>: its files are gathered once per run, and the tag is checked before every
    /// use, so an image another run removed (a second checkout superseding this one) is imported again, not missed.
    /// </summary>
    public static async Task<string> EnsureAsync(Target target, TargetContainer container, CancellationToken cancellationToken)
    {
        var include = container.Include.Select(p => Placeholders.Expand(p, new Dictionary<string, string> { ["targetDir"] = target.Description.BaseDirectory ?? Environment.CurrentDirectory })).ToList();
        var family = Family(target.Name);
        var gathered = await Gatherings.GetOrAdd($"{family}\n{string.Join('\n', include)}", _ => new Lazy<Task<Gathered>>(() => GatherAsync(family, include))).Value;
        await Importing.WaitAsync(cancellationToken);
        try
        {
            if (!await ExistsAsync(gathered.Tag, cancellationToken))
            {
                await ImportAsync(gathered, cancellationToken);
                await RemoveSupersededAsync($"{Repository}/{gathered.Family}", gathered.Tag, cancellationToken);
            }
        }
        finally
        {
            Importing.Release();
        }

        return gathered.Tag;
    }

    /// <summary>"reference", or "known-bad" for every "known-bad:…" target: one image per program, whatever its start arguments.</summary>
    public static string Family(string targetName)
    {
        var family = targetName.Split(':')[0].ToLowerInvariant();
        return NotInName().Replace(family, "-").Trim('-') is { Length: > 0 } name ? name : "target";
    }

    private static async Task<Gathered> GatherAsync(string family, IReadOnlyList<string> include)
    {
        var root = await RootFilesystem.GatherAsync(include, CancellationToken.None);
        return new Gathered(root, family, $"{Repository}/{family}:{root.Fingerprint()[..20]}");
    }

    private static async Task<bool> ExistsAsync(string tag, CancellationToken cancellationToken) =>
        (await DockerCli.RunAsync(["image", "inspect", "--format", "{{.Id}}", tag], cancellationToken)).ExitCode == 0;

    private static async Task ImportAsync(Gathered gathered, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("beamtalk-conformance-image-");
        try
        {
            var tar = Path.Combine(folder.FullName, "rootfs.tar");
            await gathered.Root.WriteTarAsync(tar, cancellationToken);
            await DockerCli.RequireAsync(["import", "--message", $"{gathered.Root.FileCount} files of the {gathered.Family} target and its libraries", tar, gathered.Tag], cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
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
