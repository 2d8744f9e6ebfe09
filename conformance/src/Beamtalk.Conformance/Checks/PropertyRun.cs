using System.Globalization;
using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// Runs an FsCheck property as part of a check. The seed is chosen here and printed with any
/// failure, and <c>BEAMTALK_CONFORMANCE_SEED</c> replays it, so a failure found once reproduces.
/// </summary>
public static class PropertyRun
{
    public const string SeedVariable = "BEAMTALK_CONFORMANCE_SEED";

    public static ulong ChooseSeed()
    {
        if (Environment.GetEnvironmentVariable(SeedVariable) is not { Length: > 0 } given)
        {
            return BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        }

        return ulong.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new InvalidOperationException($"{SeedVariable} must be a seed printed by an earlier run (an unsigned 64-bit integer), not '{given}'.");
    }

    /// <summary>Checks <paramref name="holds"/> for <paramref name="runs"/> generated values; a counterexample becomes a violation of <paramref name="requirementId"/>.</summary>
    public static string Check<T>(string requirementId, Gen<T> generator, Func<T, bool> holds, int runs, Func<string>? explain = null)
    {
        var seed = ChooseSeed();
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(runs)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
        try
        {
            FsCheck.Check.One(config, Prop.ForAll(Arb.From(generator), holds));
        }
        catch (Exception e) when (e is not (RequirementViolationException or OperationCanceledException))
        {
            throw new RequirementViolationException(
                requirementId,
                $"{explain?.Invoke()}\n{e.Message.Trim()}\n(seed {seed}; reproduce with {SeedVariable}={seed})".TrimStart());
        }

        return $"{runs} generated cases held (seed {seed})";
    }
}
