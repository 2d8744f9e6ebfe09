using System.Diagnostics;
using Beamtalk.Workspace.Diagnostics;

namespace Beamtalk.Workspace.Storage;

/// <summary>
/// An exclusive lock on a file in the workspace folder (flock through FileShare.None). Held by
/// `start` while it checks and launches, and by the server for its whole life, so concurrent
/// starts yield exactly one server; the kernel drops it if the holder dies.
/// </summary>
public sealed class WorkspaceLock : IDisposable
{
    private readonly FileStream _stream;

    private WorkspaceLock(FileStream stream) => _stream = stream;

    public static WorkspaceLock? TryAcquire(string path)
    {
        try
        {
            return new WorkspaceLock(new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                UnixCreateMode = OwnerOnlyFile.Mode,
            }));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static async Task<WorkspaceLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (TryAcquire(path) is { } acquired)
            {
                return acquired;
            }

            if (clock.Elapsed > timeout)
            {
                throw new WorkspaceException(WorkspaceErrorCodes.AlreadyRunning, $"another start of this workspace has held {path} for {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }
    }

    public void Dispose() => _stream.Dispose();
}
