using System.Diagnostics;
using System.Text;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Timing;

/// <summary>Round-trip times (µs) of the three classes, measured one after the other in random order.</summary>
public sealed record TimingBlock(double ZeroShared, double AllButLast, double WrongLength)
{
    public double Max => Math.Max(ZeroShared, Math.Max(AllButLast, WrongLength));
}

/// <summary>The target answered a wrong cookie with something other than auth_error or a close: nothing to time.</summary>
public sealed class UnexpectedReplyException(string message) : Exception(message);

/// <summary>One round of sampling and its analysis.</summary>
public sealed record TimingRound(IReadOnlyList<PairedComparison> Comparisons, int Blocks, int Dropped, TimeSpan Elapsed, string StoppedBecause)
{
    public double Resolution => Comparisons.Max(c => c.Resolution);

    public string Describe() => FormattableString.Invariant(
        $"{Blocks} blocks ({Blocks - Dropped} kept after cropping) in {Elapsed.TotalSeconds:0.0} s, stopped: {StoppedBecause}; ")
        + string.Join("; ", Comparisons.Select(c => c.Describe()));
}

/// <summary>
/// Black-box sampling over the socket. A block is one wrong cookie of each class, each on its own
/// fresh connection, in random order; the time runs from writing the auth frame to reading the
/// server's first frame back (auth_error, or close). Two paired differences per block: all-but-last
/// minus zero-shared (a prefix leak), and zero-shared (right length) minus wrong length (a length
/// check). Looking at the data repeatedly only decides when to stop, by resolution or by
/// overwhelming evidence; the verdict is taken once, at the end of the round.
/// </summary>
public static class BlackBoxSampler
{
    public const string PrefixComparison = "shared prefix (all but last − none)";
    public const string LengthComparison = "length (right − wrong)";

    public static TimingRound RunRound(int port, TimingInputs inputs, TimingPolicy policy, TimeSpan budget, Random random, CancellationToken cancellationToken, IProgress<TimingRound>? progress = null)
    {
        for (var i = 0; i < policy.WarmUpBlocks; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            MeasureBlock(port, inputs, random);
        }

        var blocks = new List<TimingBlock>();
        var clock = Stopwatch.StartNew();
        string stopped;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            blocks.Add(MeasureBlock(port, inputs, random));
            if (clock.Elapsed >= budget)
            {
                stopped = "time budget";
                break;
            }

            if (blocks.Count < policy.MinimumBlocks || blocks.Count % policy.LookEvery != 0)
            {
                continue;
            }

            var glance = Analyse(blocks, policy, clock.Elapsed, "looking", (name, d) => PairedComparison.Glance(name, d, policy));
            progress?.Report(glance);
            if (glance.Comparisons.All(c => c.Resolution <= policy.TargetResolutionMicroseconds))
            {
                stopped = "target resolution reached";
                break;
            }

            if (glance.Comparisons.Any(c => c.Wilcoxon.PValue < policy.OverwhelmingP && c.Sign.PValue < policy.OverwhelmingP))
            {
                stopped = "overwhelming evidence";
                break;
            }
        }

        var seed = random.Next();
        return Analyse(blocks, policy, clock.Elapsed, stopped, (name, d) => PairedComparison.Evaluate(name, d, policy, seed));
    }

    /// <summary>Crops the round's blocks by the policy's rule and evaluates both comparisons.</summary>
    public static TimingRound Analyse(IReadOnlyList<TimingBlock> blocks, TimingPolicy policy, TimeSpan elapsed, string stopped, Func<string, IReadOnlyList<double>, PairedComparison> evaluate)
    {
        var cut = Percentile.CutOff(blocks.SelectMany(b => (double[])[b.ZeroShared, b.AllButLast, b.WrongLength]), policy.Crop);
        var kept = blocks.Where(b => b.Max <= cut).ToList();
        PairedComparison[] comparisons =
        [
            evaluate(PrefixComparison, [.. kept.Select(b => b.AllButLast - b.ZeroShared)]),
            evaluate(LengthComparison, [.. kept.Select(b => b.ZeroShared - b.WrongLength)]),
        ];
        return new TimingRound(comparisons, blocks.Count, blocks.Count - kept.Count, elapsed, stopped);
    }

    /// <summary>Opens three connections, then times one class on each, in random order.</summary>
    public static TimingBlock MeasureBlock(int port, TimingInputs inputs, Random random)
    {
        TimingClass[] order = [TimingClass.ZeroShared, TimingClass.AllButLast, TimingClass.WrongLength];
        random.Shuffle(order);
        var times = new double[3];
        foreach (var kind in order)
        {
            // The frame is built (and masked) before the connection, so nothing but the exchange is timed.
            var frame = RawWebSocket.Frame(RawOpcode.Text, Encoding.UTF8.GetBytes(ReplProtocol.AuthFrame(inputs.Next(kind))));
            using var trip = AuthRoundTrip.Open(port);
            var (ticks, reply) = trip.Exchange(frame);
            if (reply == AuthReply.Other)
            {
                throw new UnexpectedReplyException($"a wrong cookie ({kind}) was answered with neither auth_error nor a close");
            }

            times[(int)kind] = ticks * 1e6 / Stopwatch.Frequency;
        }

        return new TimingBlock(times[(int)TimingClass.ZeroShared], times[(int)TimingClass.AllButLast], times[(int)TimingClass.WrongLength]);
    }
}
