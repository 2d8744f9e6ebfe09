using System.Security.Cryptography;
using Beamtalk.Conformance.Core;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// Runs an FsCheck property as part of a check. The seed is chosen here (or given by the run's settings, to replay)
/// and printed with any failure, so a failure found once reproduces.
/// </summary>
public static class PropertyRun
{
    public static ulong ChooseSeed(ulong? given) => given ?? BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));

    /// <summary>Checks <paramref name="holds"/> for <paramref name="runs"/> generated values; a counterexample ends the check in a violation.</summary>
    public static string Check<T>(ulong? seedToReplay, Gen<T> generator, Func<T, bool> holds, int runs, Func<string>? explain = null)
    {
        var seed = ChooseSeed(seedToReplay);
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(runs)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
        try
        {
            FsCheck.Check.One(config, Prop.ForAll(Arb.From(generator), holds));
        }
        catch (Exception e) when (e is not (CheckEndedException or OperationCanceledException))
        {
            throw CheckEnd.Violation(
                $"{explain?.Invoke()}\n{e.Message.Trim()}\n(seed {seed}; reproduce with {CheckSettings.SeedVariable}={seed})".TrimStart());
        }

        return $"{runs} generated cases held (seed {seed})";
    }
}
