using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beamtalk.Language;
using Beamtalk.Language.Compilation;
using Beamtalk.Workspace.Storage;

namespace Beamtalk.Workspace.Compiler;

/// <summary>What the compiler said about one source: a program to run, or an error to reply with.</summary>
internal sealed record CompileOutcome(CompiledProgram? Program, EvalError? Error);

/// <summary>
/// One session's compiler daemon, seen from the workspace: started on first use under prlimit and a heap
/// cap, spoken to over <c>{sessions}/{session}/daemon.sock</c>, killed when a compilation overruns its
/// time, and started afresh after any failure. Nothing secret crosses to it: argv and environment carry
/// only the socket path and the limits.
/// </summary>
internal sealed class CompilerProcess(CompilerOptions options, string sessionId, WorkspaceLog log) : IAsyncDisposable
{
    /// <summary>The error kind for a compilation the compiler process could not finish (time, memory, crash).</summary>
    public const string CompilerLimit = "compiler_limit";

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private Process? _process;
    private Socket? _socket;
    private NetworkStream? _stream;

    public string Directory => Path.Combine(options.SessionsDirectory, sessionId);

    public string SocketPath => Path.Combine(Directory, "daemon.sock");

    public Task<CompileOutcome> CompileAsync(string source, CancellationToken cancellationToken) =>
        CompileAsync(source, SourceKind.Expressions, cancellationToken);

    public async Task<CompileOutcome> CompileAsync(string source, SourceKind kind, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await CompileLockedAsync(source, kind, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<CompileOutcome> CompileLockedAsync(string source, SourceKind sourceKind, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        try
        {
            var stream = await EnsureRunningAsync(deadline.Token);
            await CompilerFrames.WriteAsync(stream, JsonSerializer.SerializeToUtf8Bytes(Request(source, sourceKind)), deadline.Token);
            var header = await CompilerFrames.ReadAsync(stream, deadline.Token) ?? throw new EndOfStreamException("the compiler closed the connection");
            var reply = JsonNode.Parse(header) as JsonObject ?? throw new InvalidDataException("the compiler's reply is not an object");
            if (reply["ok"]?.GetValue<bool>() == true)
            {
                var program = await CompilerFrames.ReadAsync(stream, deadline.Token) ?? throw new EndOfStreamException("the compiler sent no program");
                return new CompileOutcome(CompiledProgram.Decode(program), null);
            }

            var kind = reply["kind"]?.GetValue<string>() ?? ErrorKinds.InternalError;
            var message = reply["message"]?.GetValue<string>() ?? kind;
            if (kind == ErrorKinds.MemoryLimit)
            {
                // The daemon ends itself after running out of heap; forget it now so the next request starts a fresh one.
                await StopAsync("memory");
            }

            return new CompileOutcome(null, new EvalError(kind, message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopAsync("cancelled");
            return new CompileOutcome(null, new EvalError(ErrorKinds.Cancelled, $"{ErrorKinds.Cancelled}: compilation cancelled"));
        }
        catch (OperationCanceledException)
        {
            await StopAsync("timeout");
            return Limit($"compilation took longer than {options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; the compiler process was stopped and will be restarted");
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException or JsonException or FormatException or InvalidOperationException or CompilerStartException)
        {
            var exit = await StopAsync("failed");
            return Limit($"the compiler process failed ({exit}); it will be restarted for the next request");
        }
    }

    private static JsonObject Request(string source, SourceKind kind) => kind == SourceKind.ClassDefinitions
        ? new JsonObject { ["source"] = source, ["kind"] = CompilerFrames.ClassDefinitionsKind }
        : new JsonObject { ["source"] = source };

    private static CompileOutcome Limit(string detail) => new(null, new EvalError(CompilerLimit, $"{CompilerLimit}: {detail}"));

    private async Task<NetworkStream> EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (_stream is not null && _process is { HasExited: false })
        {
            return _stream;
        }

        await StopAsync(reason: null);
        PrepareDirectory();
        var start = new ProcessStartInfo("prlimit")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var word in (string[])[$"--cpu={options.CpuSeconds}", "--core=0", "--", .. options.Command, "--socket", SocketPath])
        {
            start.ArgumentList.Add(word);
        }

        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + options.HeapLimitBytes.ToString("x", CultureInfo.InvariantCulture);
        // A bomb's crash report (a stack overflow prints every frame) is drained and dropped, never logged.
        var process = Process.Start(start) ?? throw new CompilerStartException("the compiler process did not start");
        _process = process;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(options.StartTimeout);
        var line = await process.StandardOutput.ReadLineAsync(patience.Token);
        if (line != CompilerDaemon.ReadyLine)
        {
            throw new CompilerStartException("the compiler process did not report ready");
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        log.Write(LogEvent.CompilerStarted, ("session", sessionId), ("pid", process.Id));
        return _stream;
    }

    /// <summary>The sessions folder and this session's folder, owner-only from mkdir on; an existing one is narrowed.</summary>
    private void PrepareDirectory()
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        foreach (var folder in (string[])[options.SessionsDirectory, Directory])
        {
            System.IO.Directory.CreateDirectory(folder, ownerOnly);
            File.SetUnixFileMode(folder, ownerOnly);
        }
    }

    /// <summary>Ends the daemon if one runs; returns how it ended, for the error message.</summary>
    private async Task<string> StopAsync(string? reason)
    {
        _stream?.Dispose();
        _socket?.Dispose();
        _stream = null;
        _socket = null;
        var process = _process;
        _process = null;
        if (process is null)
        {
            return "not running";
        }

        string exit;
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await process.WaitForExitAsync(patience.Token);
            exit = process.ExitCode > 128 ? $"signal {process.ExitCode - 128}" : $"exit code {process.ExitCode}";
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            exit = "unknown exit";
        }
        finally
        {
            process.Dispose();
        }

        if (reason is not null)
        {
            log.Write(LogEvent.CompilerStopped, ("session", sessionId), ("reason", reason), ("exit", exit));
        }

        return exit;
    }

    public async ValueTask DisposeAsync()
    {
        await _oneAtATime.WaitAsync();
        try
        {
            await StopAsync(reason: null);
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Already gone, or never created.
            }
        }
        finally
        {
            _oneAtATime.Release();
        }

        _oneAtATime.Dispose();
    }
}

internal sealed class CompilerStartException(string message) : Exception(message);
