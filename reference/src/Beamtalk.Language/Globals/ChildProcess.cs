using System.Diagnostics;
using System.Text;
using Beamtalk.Language.Runtime;

namespace Beamtalk.Language.Globals;

/// <summary>
/// Runs a shell command line for <c>System runCommand:</c> and <c>Erlang os cmd:</c>: stdin closed so nothing waits
/// for input, output bounded by the evaluation's string limit, and the whole process group killed when the evaluation
/// is cancelled. The child's environment is the workspace's own, which never holds the cookie (ADR 0058 Part 3).
/// </summary>
internal static class ChildProcess
{
    public sealed record Outcome(int ExitCode, string Output);

    public static Outcome Run(string commandLine, Evaluator evaluator)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);

        using var process = Process.Start(start) ?? throw new BeamtalkException(ErrorKinds.IoError, "/bin/sh could not be started");
        process.StandardInput.Close();
        var limit = evaluator.Options.MaxStringLength;
        var output = new BoundedText(limit);
        var reading = Task.WhenAll(
            CopyAsync(process.StandardOutput, output),
            CopyAsync(process.StandardError, output));
        var cancellation = evaluator.Budget.CancellationToken;
        try
        {
            process.WaitForExitAsync(cancellation).GetAwaiter().GetResult();
            reading.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new BeamtalkException(ErrorKinds.Cancelled, "evaluation cancelled while a command was running");
        }

        if (output.Overflowed)
        {
            throw BeamtalkException.MemoryLimit($"command output longer than {limit} characters");
        }

        return new Outcome(process.ExitCode, output.ToString());
    }

    private static async Task CopyAsync(StreamReader reader, BoundedText into)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            into.Append(buffer.AsSpan(0, read));
        }
    }

    // stdout and stderr arrive on two threads; past the limit the rest is drained and dropped so the child never blocks.
    private sealed class BoundedText(int limit)
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _gate = new();

        public bool Overflowed { get; private set; }

        public void Append(ReadOnlySpan<char> chunk)
        {
            lock (_gate)
            {
                if (chunk.Length > limit - _text.Length)
                {
                    Overflowed = true;
                    return;
                }

                _text.Append(chunk);
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }
}
