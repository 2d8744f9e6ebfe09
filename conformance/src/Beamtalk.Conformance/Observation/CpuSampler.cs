namespace Beamtalk.Conformance.Observation;

/// <summary>
/// Samples the CPU time of a changing family of processes while something runs. A process that does
/// the work and is then killed (a compiler stopped at its limit) takes its CPU time with it, so the last
/// sample before it went is what counts; processes born after the first sample count from zero.
/// </summary>
public sealed class CpuSampler : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<int>> _family;
    private readonly Dictionary<int, (double First, double Last)> _seen = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public CpuSampler(Func<IReadOnlyList<int>> family, TimeSpan interval)
    {
        _family = family;
        Sample(firstRound: true);
        _loop = LoopAsync(interval);
    }

    /// <summary>CPU seconds each process used since sampling began, up to the last sample.</summary>
    public IReadOnlyDictionary<int, double> Used()
    {
        lock (_seen)
        {
            Sample(firstRound: false);
            return _seen.ToDictionary(p => p.Key, p => p.Value.Last - p.Value.First);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                lock (_seen)
                {
                    Sample(firstRound: false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Sampling ends with the measurement.
        }
    }

    private void Sample(bool firstRound)
    {
        foreach (var pid in _family())
        {
            if (ProcessTree.CpuSecondsOf(pid) is not { } used)
            {
                continue;
            }

            _seen[pid] = _seen.TryGetValue(pid, out var known) ? (known.First, used) : (firstRound ? used : 0, used);
        }
    }
}
