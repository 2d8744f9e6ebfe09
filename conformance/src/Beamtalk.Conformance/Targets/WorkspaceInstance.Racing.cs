using System.Diagnostics;
using Beamtalk.Conformance.Observation;

namespace Beamtalk.Conformance.Targets;

/// <summary>Concurrent starts of one workspace, for the one-server and whole-cookie rules.</summary>
public sealed partial class WorkspaceInstance
{
    /// <summary>
    /// Runs the start command <paramref name="count"/> times at once and returns when the race is
    /// over: detached commands have all exited; foreground ones have either exited or are serving
    /// (holding a TCP listener). Returns the pids still serving. Everything is ended on dispose.
    /// </summary>
    public async Task<IReadOnlyList<int>> RaceStartsAsync(int count, CancellationToken cancellationToken)
    {
        await CreateAsync(cancellationToken);
        _startAttempted = true;
        if (_target.Description.StartMode == StartMode.Detached)
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(_ => RunAsync(_startCommand, cancellationToken)));
        }
        else
        {
            var starts = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => ForegroundProcess.StartAsync(Expand(_startCommand), _environment, _umask, tracer: null, WorkingFolder, cancellationToken)));
            lock (_commands)
            {
                _racers.AddRange(starts);
            }

            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < _target.Description.ReadyTimeout)
            {
                var alive = starts.Where(p => !p.HasExited).ToList();
                if (alive.Count > 0 && alive.All(p => SocketTable.ListenersOf([p.Pid]).Any(l => l.Kind == SocketKind.Tcp)))
                {
                    break;
                }

                await Task.Delay(PollInterval, cancellationToken);
            }
        }

        return [.. ProcessTree.Carrying(_marker).Where(pid => SocketTable.ListenersOf([pid]).Any(l => l.Kind == SocketKind.Tcp))];
    }
}
