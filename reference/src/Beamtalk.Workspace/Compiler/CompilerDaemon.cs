using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beamtalk.Language;
using Beamtalk.Language.Compilation;

namespace Beamtalk.Workspace.Compiler;

/// <summary>
/// The compiler process (ADR 0058 2a): listens on one session's Unix socket and turns sources into
/// encoded programs. It holds no secret and needs none: the socket's folder and mode are its only gate.
/// Its parent limits its CPU time and heap; a bomb that exhausts either ends this process, never the workspace.
/// </summary>
public static class CompilerDaemon
{
    /// <summary>Written on stdout once the socket accepts connections.</summary>
    public const string ReadyLine = "ready";

    // Parsing and encoding recurse; a thread of its own with room to spare means the nesting caps, not the stack, decide.
    private const int CompileStackBytes = 64 * 1024 * 1024;

    public static async Task<int> RunAsync(string socketPath, TextReader parentPipe, TextWriter ready, CancellationToken cancellationToken)
    {
        File.Delete(socketPath);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));

        // bind(2) applies the umask; the 0700 folder keeps everyone else out until this narrows the socket itself.
        File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(4);
        await ready.WriteLineAsync(ReadyLine);
        await ready.FlushAsync(cancellationToken);

        // The workspace holds our stdin open; when it goes away, for whatever reason, so do we.
        using var orphaned = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _ = Task.Run(async () =>
        {
            while (await parentPipe.ReadLineAsync(orphaned.Token) is not null)
            {
            }

            await orphaned.CancelAsync();
        }, CancellationToken.None);

        try
        {
            while (!orphaned.IsCancellationRequested)
            {
                using var connection = await listener.AcceptAsync(orphaned.Token);
                await using var stream = new NetworkStream(connection, ownsSocket: false);
                if (!await ServeAsync(stream, orphaned.Token))
                {
                    return 3;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The parent went away or asked us to stop.
        }
        finally
        {
            File.Delete(socketPath);
        }

        return 0;
    }

    /// <returns>False when the process must end (its heap is spent); the parent restarts it.</returns>
    private static async Task<bool> ServeAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            while (await CompilerFrames.ReadAsync(stream, cancellationToken) is { } request)
            {
                var (header, program, healthy) = Compile(request);
                await CompilerFrames.WriteAsync(stream, JsonSerializer.SerializeToUtf8Bytes(header), cancellationToken);
                if (program is not null)
                {
                    await CompilerFrames.WriteAsync(stream, program, cancellationToken);
                }

                if (!healthy)
                {
                    return false;
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or SocketException)
        {
            // A broken client connection; the next one is served afresh.
        }

        return true;
    }

    private static (JsonObject Header, byte[]? Program, bool Healthy) Compile(byte[] request)
    {
        string source;
        SourceKind kind;
        try
        {
            var parsed = JsonNode.Parse(request);
            source = parsed?["source"]?.GetValue<string>() ?? throw new InvalidDataException("no source");
            kind = parsed?["kind"]?.GetValue<string>() == CompilerFrames.ClassDefinitionsKind ? SourceKind.ClassDefinitions : SourceKind.Expressions;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or InvalidDataException)
        {
            return (Failure("internal_error", "internal_error: malformed compile request"), null, true);
        }

        CompileResult? result = null;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = SourceCompiler.Compile(source, new SessionOptions(), kind);
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            CompileStackBytes);
        thread.Start();
        thread.Join();

        return (result, failure) switch
        {
            ({ Program: { } program }, _) when program.Length > CompilerFrames.MaxFrameBytes =>
                (Failure(ErrorKinds.MemoryLimit, $"{ErrorKinds.MemoryLimit}: the compiled program is larger than {CompilerFrames.MaxFrameBytes} bytes"), null, true),
            ({ Program: { } program }, _) => (new JsonObject { ["ok"] = true }, program, true),
            ({ Error: { } error }, _) => (Failure(error.Kind, error.Message), null, true),
            (_, OutOfMemoryException) => (Failure(ErrorKinds.MemoryLimit, $"{ErrorKinds.MemoryLimit}: the compiler ran out of memory"), null, false),
            (_, InsufficientExecutionStackException) => (Failure(ErrorKinds.DepthLimit, $"{ErrorKinds.DepthLimit}: the source nests too deeply to compile"), null, true),
            _ => (Failure(ErrorKinds.InternalError, $"{ErrorKinds.InternalError}: {failure?.GetType().Name}"), null, true),
        };
    }

    private static JsonObject Failure(string kind, string message) =>
        new() { ["ok"] = false, ["kind"] = kind, ["message"] = message };
}
