using System.Globalization;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;
using Beamtalk.Conformance.Wire.Protocol;
using FsCheck.Fluent;

namespace Beamtalk.Conformance.Checks;

/// <summary>What the server did with one input, and whether that was a clean end for it.</summary>
public static partial class RobustnessChecks
{
    /// <summary>
    /// The close codes that are a clean answer to input a server cannot accept: 1002 protocol error,
    /// 1003 unacceptable data, 1007 payload not valid (not UTF-8), 1008 policy violation, 1009 too big.
    /// Not 1000 or 1001 (no error happened), not 1011 (the server itself failed), and never a close
    /// without a code: 1005 and 1006 exist only to say that none was sent.
    /// </summary>
    private static readonly int[] FailureCodes = [1002, 1003, 1007, 1008, 1009];

    /// <summary>What the server did with one input. <see cref="Transcript"/> is everything it sent, upgrade response included.</summary>
    private sealed record Outcome(PreAuthInput Input, int Status, bool Greeted, IReadOnlyList<string> Texts, WireEvent End, TimeSpan Took, IReadOnlyList<string> Transcript)
    {
        /// <summary>For a client that never answers the close: whether the server still ended the TCP connection in time.</summary>
        public bool EndedConnection { get; init; } = true;

        public string Describe()
        {
            if (Status != 101)
            {
                return $"the upgrade refused with HTTP {Status}";
            }

            var said = Texts.Count == 0 ? "no text frame" : string.Join(", ", Texts.Select(t => ReplProtocol.TypeOf(t) ?? ReplProtocol.OpOf(t) ?? "a text frame outside the protocol"));
            var seconds = Took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            return End switch
            {
                WireEvent.Closed c => $"{said}, then close {c.Code?.ToString(CultureInfo.InvariantCulture) ?? "without a code"} after {seconds} s",
                WireEvent.Dropped d => $"{said}, then {d.Why} after {seconds} s",
                WireEvent.Silent => $"{said}, then nothing for {seconds} s (the connection still open)",
                _ => $"{said}, then {End} after {seconds} s",
            };
        }
    }

    /// <summary>Why an outcome is not a clean close for its input, or null when it is.</summary>
    private static string? Unclean(PreAuthInput input, Outcome outcome)
    {
        if (input.Expect == Clean.NotJudged)
        {
            return null;
        }

        var authenticated = outcome.Texts.Any(AuthOk.IsIn);
        var code = (outcome.End as WireEvent.Closed)?.Code;
        var clean = outcome.Greeted && (authenticated
            ? input.Expect.HasFlag(Clean.Authenticated)
            : (input.Expect.HasFlag(Clean.Rejection) && code == 1008 && outcome.Texts.Any(t => ReplProtocol.TypeOf(t) == "auth_error"))
              || (input.Expect.HasFlag(Clean.TooLarge) && code == 1009)
              || (input.Expect.HasFlag(Clean.InvalidPayload) && code == 1007)
              || (input.Expect.HasFlag(Clean.FailureCode) && code is { } c && FailureCodes.Contains(c)));
        if (clean && !outcome.EndedConnection)
        {
            return $"pre-auth input '{input.Name}' got {outcome.Describe()}, but the server then kept the TCP connection open beyond the pre-auth timeout while the client never answered its close: any client can hold connections open that way.";
        }

        if (clean)
        {
            return null;
        }

        var greeting = outcome.Status == 101 && !outcome.Greeted ? " (and no auth-required greeting before it)" : string.Empty;
        return $"pre-auth input '{input.Name}' got {outcome.Describe()}{greeting}; a clean close is {Expected(input.Expect)}.";
    }

    private static string Expected(Clean expect)
    {
        var ends = new List<string>();
        if (expect.HasFlag(Clean.Authenticated))
        {
            ends.Add(AuthOk.Name);
        }

        if (expect.HasFlag(Clean.Rejection))
        {
            ends.Add("auth_error then close 1008");
        }

        if (expect.HasFlag(Clean.TooLarge))
        {
            ends.Add("close 1009");
        }

        if (expect.HasFlag(Clean.InvalidPayload))
        {
            ends.Add("close 1007");
        }

        if (expect.HasFlag(Clean.FailureCode))
        {
            ends.Add($"a close frame with code {string.Join(", ", FailureCodes[..^1])} or {FailureCodes[^1]}, by the pre-auth timeout at the latest");
        }

        return string.Join(", or ", ends);
    }
}
