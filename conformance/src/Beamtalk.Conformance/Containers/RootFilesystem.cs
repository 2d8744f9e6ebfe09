using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Beamtalk.Conformance.Core;

namespace Beamtalk.Conformance.Containers;

/// <summary>
/// The file tree of a <c>FROM scratch</c> image, gathered from the host: the target's files at their own paths, the
/// shared libraries they load, a shell and the two tools the checks run inside (cat, stat), and the accounts the checks
/// need. Written as a tar with fixed timestamps, so the same inputs give the same image.
/// </summary>
internal sealed class RootFilesystem
{
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UnixFileMode Directory755 = (UnixFileMode)0b111_101_101;
    private static readonly string[] KitTools = ["/bin/sh", "/bin/cat", "/usr/bin/stat"];

    private readonly SortedDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private abstract record Entry(UnixFileMode Mode, int Uid);

    private sealed record HostFile(string Source, UnixFileMode Mode) : Entry(Mode, 0);

    private sealed record Generated(string Text, UnixFileMode Mode) : Entry(Mode, 0);

    private sealed record Folder(UnixFileMode Mode, int Uid) : Entry(Mode, Uid);

    /// <summary>The root file system for a target whose files are <paramref name="include"/> (expanded host paths).</summary>
    public static async Task<RootFilesystem> GatherAsync(IEnumerable<string> include, CancellationToken cancellationToken)
    {
        var root = new RootFilesystem();
        foreach (var path in include.Concat(KitTools))
        {
            root.AddIncluded(path);
        }

        await root.AddLibrariesAsync(cancellationToken);
        root.AddAccounts();
        return root;
    }

    /// <summary>SHA-256 over every entry's path, mode, owner and content identity (size and time for host files).</summary>
    public string Fingerprint()
    {
        var text = new StringBuilder();
        foreach (var (path, entry) in _entries)
        {
            var content = entry switch
            {
                HostFile f => $"{new FileInfo(f.Source).Length}:{File.GetLastWriteTimeUtc(f.Source).Ticks}",
                Generated g => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(g.Text))),
                _ => "dir",
            };
            text.Append(path).Append('\t').Append((int)entry.Mode).Append('\t').Append(entry.Uid).Append('\t').Append(content).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public int FileCount => _entries.Values.Count(e => e is not Folder);

    public async Task WriteTarAsync(string tarPath, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(tarPath);
        await using var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: false);
        foreach (var (path, entry) in WithParents())
        {
            var name = path.TrimStart('/');
            switch (entry)
            {
                case Folder folder:
                    await writer.WriteEntryAsync(Header(new PaxTarEntry(TarEntryType.Directory, name + "/"), folder.Mode, folder.Uid), cancellationToken);
                    break;
                case HostFile file:
                    await using (var data = File.OpenRead(file.Source))
                    {
                        var tarEntry = Header(new PaxTarEntry(TarEntryType.RegularFile, name), file.Mode, 0);
                        tarEntry.DataStream = data;
                        await writer.WriteEntryAsync(tarEntry, cancellationToken);
                    }

                    break;
                case Generated generated:
                    var tarText = Header(new PaxTarEntry(TarEntryType.RegularFile, name), generated.Mode, 0);
                    tarText.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(generated.Text));
                    await writer.WriteEntryAsync(tarText, cancellationToken);
                    break;
            }
        }
    }

    private static PaxTarEntry Header(PaxTarEntry entry, UnixFileMode mode, int uid)
    {
        entry.Mode = mode;
        entry.Uid = uid;
        entry.Gid = uid;
        entry.ModificationTime = FixedTime;
        return entry;
    }

    private IEnumerable<KeyValuePair<string, Entry>> WithParents()
    {
        var all = new SortedDictionary<string, Entry>(_entries, StringComparer.Ordinal);
        foreach (var path in _entries.Keys)
        {
            for (var parent = Path.GetDirectoryName(path); parent is not null and not "/"; parent = Path.GetDirectoryName(parent))
            {
                all.TryAdd(parent, new Folder(Directory755, 0));
            }
        }

        return all;
    }

    private void AddIncluded(string path)
    {
        if (path.EndsWith("/*", StringComparison.Ordinal))
        {
            var folder = path[..^2];
            RequireExists(folder, Directory.Exists(folder));
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                AddHostFile(file);
            }
        }
        else if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
            {
                AddHostFile(file);
            }
        }
        else
        {
            RequireExists(path, File.Exists(path));
            AddHostFile(path);
        }
    }

    private static void RequireExists(string path, bool exists)
    {
        if (!exists)
        {
            throw CheckEnd.Error($"container.include: '{path}' does not exist on this host.");
        }
    }

    /// <summary>Symbolic links are stored as the file they lead to, under the path that names them, so a loader finds it there.</summary>
    private void AddHostFile(string path)
    {
        var source = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        _entries[Path.GetFullPath(path)] = new HostFile(source, File.GetUnixFileMode(source));
    }

    private async Task AddLibrariesAsync(CancellationToken cancellationToken)
    {
        var elfFiles = _entries.Values.OfType<HostFile>().Select(f => f.Source).Where(IsElf).Distinct().ToList();
        var libraries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in elfFiles)
        {
            foreach (var library in await SharedLibraries.OfAsync(file, cancellationToken))
            {
                libraries.Add(library);
            }
        }

        foreach (var library in libraries.Where(l => !_entries.ContainsKey(l)))
        {
            AddHostFile(library);
        }
    }

    private static bool IsElf(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.Read(magic) == 4 && magic.SequenceEqual("\u007fELF"u8);
    }

    /// <summary>root, the workspace owner (uid 1000) and another user (uid 1001), each with a home other users may enter, as on a typical host.</summary>
    private void AddAccounts()
    {
        _entries["/etc/passwd"] = new Generated(string.Concat(ContainerUser.All.Select(u => $"{u.Name}:x:{u.Uid}:{u.Uid}::{u.Home}:/bin/sh\n")), (UnixFileMode)0b110_100_100);
        _entries["/etc/group"] = new Generated(string.Concat(ContainerUser.All.Select(u => $"{u.Name}:x:{u.Uid}:\n")), (UnixFileMode)0b110_100_100);
        foreach (var user in ContainerUser.All)
        {
            _entries[user.Home] = new Folder(user.Uid == 0 ? (UnixFileMode)0b111_000_000 : Directory755, user.Uid);
        }

        _entries["/tmp"] = new Folder((UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit, 0);
    }
}
