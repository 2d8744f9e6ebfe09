using System.Diagnostics;
using Beamtalk.Conformance.Observation;

namespace Beamtalk.Conformance.Targets;

/// <summary>Disposal: stop what the instance started (only processes carrying its marker), then delete its home.</summary>
public sealed partial class WorkspaceInstance
{
    /// <summary>
    /// Ends everything this instance started and deletes its home. Never throws: a cleanup problem
    /// must not replace the check's own result. Stop runs whenever a start was attempted, since a
    /// start that failed half-way may still have left a server behind.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Quietly(async () =>
        {
            if (IsRunning)
            {
                await StopAsync(CancellationToken.None);
            }
            else if (_startAttempted && _foreground is null && _target.Description.Commands.Stop is { } stop)
            {
                await RunAsync(stop, CancellationToken.None);
            }
        });
        await Quietly(async () => { if (_foreground is not null) { await _foreground.StopAsync(TimeSpan.FromSeconds(5)); } });
        await Quietly(EndLeftoverProcessesAsync);
        await Quietly(async () =>
        {
            foreach (var racer in _racers)
            {
                await racer.StopAsync(TimeSpan.FromSeconds(5));
                racer.Dispose();
            }
        });
        await Quietly(() => { _foreground?.Dispose(); _tracedStart?.Dispose(); _tracer?.Dispose(); return Task.CompletedTask; });
        await Quietly(() => { DeleteHome(); return Task.CompletedTask; });
        await Quietly(() => { _programs?.Dispose(); return Task.CompletedTask; });
    }

    private static async Task Quietly(Func<Task> cleanup)
    {
        try
        {
            await cleanup();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Cleanup is best effort by design; the next step still runs.
        }
    }

    private void DeleteHome()
    {
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A target that chmod'ed its files: make them removable, then retry once.
            foreach (var entry in Directory.EnumerateFileSystemEntries(Home, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
            {
                File.SetUnixFileMode(entry, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Directory.Delete(Home, recursive: true);
        }
    }

    private async Task EndLeftoverProcessesAsync()
    {
        var leftovers = ProcessTree.Carrying(_marker);
        foreach (var pid in leftovers)
        {
            _ = Posix.Kill(pid, Posix.SigKill);
        }

        var deadline = Stopwatch.StartNew();
        while (leftovers.Any(ProcessTree.IsAlive) && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(PollInterval);
        }
    }
}
