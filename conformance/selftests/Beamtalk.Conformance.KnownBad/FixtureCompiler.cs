using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Beamtalk.Conformance.KnownBad;

/// <summary>
/// The fixture's compiler: a naive recursive-descent nesting check with no depth cap, so a deep bomb
/// overflows its stack. Run in a per-session daemon (one connection per source, reply "ok" or an error
/// line), the overflow ends the daemon; with <see cref="Defect.CompilesInProcess"/> it ends the workspace.
/// </summary>
internal sealed class FixtureCompiler(FixtureOptions options) : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OpenToAll = (UnixFileMode)0b111_111_111;

    private readonly string _directory = Path.Combine(Path.GetFullPath(Path.Combine(options.Directory, "..", "..")), "sessions", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
    private Process? _daemon;

    private string SocketPath => Path.Combine(_directory, "daemon.sock");

    /// <summary>Null when the source compiles; otherwise the error to reply with.</summary>
    public async Task<string?> CompileAsync(string source, CancellationToken cancellationToken)
    {
        if (options.Has(Defect.CompilesInProcess))
        {
            return Check(source);
        }

        if (options.Has(Defect.CompilesInProcessWithGuards))
        {
            return Guarded(source);
        }

        try
        {
            await EnsureDaemonAsync(cancellationToken);
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
            await using var stream = new NetworkStream(socket);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(source), cancellationToken);
            socket.Shutdown(SocketShutdown.Send);
            using var reader = new StreamReader(stream);
            var reply = await reader.ReadToEndAsync(cancellationToken);
            if (reply.Length == 0)
            {
                StopDaemon();
                return "compiler_limit: the compiler process died; it will be restarted";
            }

            return reply == "ok" ? null : reply;
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            StopDaemon();
            return "compiler_limit: the compiler process failed; it will be restarted";
        }
    }

    /// <summary>The daemon's side: <c>known-bad-workspace compiler-daemon SOCKET (private|open) (exit|stay)</c>, the last word for when its parent exits.</summary>
    public static async Task<int> ServeAsync(string socketPath, bool open, bool outlivesParent)
    {
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        File.SetUnixFileMode(socketPath, open ? (UnixFileMode)0b110_110_110 : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(4);
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        // The parent holds the daemon's stdin: end of input means the workspace is gone, and so should the daemon be.
        _ = Task.Run(() =>
        {
            Console.In.ReadToEnd();
            if (!outlivesParent)
            {
                Environment.Exit(0);
            }
        });
        while (true)
        {
            using var connection = await listener.AcceptAsync();
            await using var stream = new NetworkStream(connection);
            using var reader = new StreamReader(stream);
            var source = await reader.ReadToEndAsync();
            await stream.WriteAsync(Encoding.UTF8.GetBytes(Check(source) ?? "ok"));
        }
    }

    /// <summary>Runs the check on a 1 MiB stack, so 100,000 levels overflow it on any machine.</summary>
    private static string? Check(string source)
    {
        string? result = null;
        var thread = new Thread(() => result = Nest(source, 0, out _) ?? Analyse(source), 1024 * 1024);
        thread.Start();
        thread.Join();
        return result;
    }

    /// <summary>The same compiler with a depth cap in front: every bomb ends in an error, in whichever process runs it.</summary>
    private static string? Guarded(string source)
    {
        var depth = 0;
        foreach (var c in source)
        {
            depth += c is '(' or '[' ? 1 : c is ')' or ']' ? -1 : 0;
            if (depth > 256)
            {
                return "syntax_error: nested deeper than 256 levels";
            }
        }

        return depth == 0 ? Analyse(source) : "syntax_error: unbalanced brackets";
    }

    /// <summary>
    /// Stands in for the passes after parsing, which cost time in proportion to the source as a real
    /// compiler's do: the kit tells where compiling happens by which process spends that time.
    /// </summary>
    private static string? Analyse(string source)
    {
        var hash = 2166136261u;
        for (var pass = 0; pass < 8; pass++)
        {
            foreach (var c in source)
            {
                hash = (hash ^ c) * 16777619u;
            }
        }

        return hash == 0 ? "internal_error: unlucky source" : null;
    }

    private static string? Nest(string source, int start, out int end)
    {
        for (var i = start; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '(' or '[':
                    if (Nest(source, i + 1, out i) is { } inner)
                    {
                        end = i;
                        return inner;
                    }

                    break;
                case ')' or ']':
                    end = i;
                    return start == 0 ? "syntax_error: unbalanced brackets" : null;
            }
        }

        end = source.Length;
        return start == 0 ? null : "syntax_error: unclosed bracket";
    }

    private async Task EnsureDaemonAsync(CancellationToken cancellationToken)
    {
        if (_daemon is { HasExited: false })
        {
            return;
        }

        StopDaemon();
        var open = options.Has(Defect.DaemonSocketOpenToAll);
        foreach (var folder in (string[])[Path.GetDirectoryName(_directory)!, _directory])
        {
            Directory.CreateDirectory(folder);
            File.SetUnixFileMode(folder, open ? OpenToAll : OwnerOnly);
        }

        File.Delete(SocketPath);
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var word in (string[])["compiler-daemon", SocketPath, open ? "open" : "private", options.Has(Defect.DaemonOutlivesStop) ? "stay" : "exit"])
        {
            start.ArgumentList.Add(word);
        }

        _daemon = Process.Start(start)!;
        _daemon.ErrorDataReceived += (_, _) => { };
        _daemon.BeginErrorReadLine();
        if (await _daemon.StandardOutput.ReadLineAsync(cancellationToken) != "ready")
        {
            throw new IOException("the fixture's compiler daemon did not start");
        }
    }

    private void StopDaemon()
    {
        if (_daemon is { } daemon)
        {
            try
            {
                daemon.Kill();
                daemon.WaitForExit();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            daemon.Dispose();
            _daemon = null;
        }
    }

    public void Dispose()
    {
        if (options.Has(Defect.DaemonOutlivesStop))
        {
            // Forgets its daemon on the way out, as a workspace that never tracked its helpers does.
            return;
        }

        StopDaemon();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Never created.
        }
    }
}
