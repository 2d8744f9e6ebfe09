using System.Diagnostics;
using Beamtalk.Conformance.Wire;
using Beamtalk.Conformance.Wire.Protocol;

namespace Beamtalk.Conformance.Checks;

/// <summary>How one hostile request ended, seen from the wire.</summary>
internal sealed record ProbeOutcome(string Name, string Ending, bool IsError, bool Answered, TimeSpan Elapsed)
{
    public override string ToString() => $"{Name}: {Ending} after {Elapsed.TotalSeconds:0.0} s";
}

/// <summary>
/// Sends a hostile eval (a compiler bomb, a runaway loop) on one session while another session keeps
/// evaluating <c>1 + 2</c>, then checks both sessions still answer. Shared by ISO-COMPILER and ISO-EVAL-LIMITS.
/// </summary>
internal static class LimitProbe
{
    public const string Control = "1 + 2";

    /// <summary>Whether <paramref name="session"/> still evaluates <see cref="Control"/> to 3; the reason when not.</summary>
    public static async Task<string?> FailsControlAsync(ReplSessionClient session, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await session.EvalAsync(Control, cancellationToken);
            return reply.Value == "3" ? null : $"'{Control}' answered {Describe(reply)}";
        }
        catch (Exception e) when (e is InvalidOperationException or System.Net.WebSockets.WebSocketException or IOException or ObjectDisposedException)
        {
            return $"'{Control}' got no reply ({session.LastEnd?.ToString() ?? e.GetType().Name})";
        }
    }

    /// <summary>Sends <paramref name="code"/> on <paramref name="hostile"/>; meanwhile <paramref name="bystander"/> must answer <see cref="Control"/>.</summary>
    public static async Task<(ProbeOutcome Outcome, string? BystanderFailure)> SendAsync(
        string name, string code, ReplSessionClient hostile, ReplSessionClient bystander, TimeSpan bound, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var sending = SendOneAsync(name, code, hostile, bound, clock, cancellationToken);
        var bystanderFailure = await FailsControlAsync(bystander, cancellationToken);
        return (await sending, bystanderFailure);
    }

    private static async Task<ProbeOutcome> SendOneAsync(string name, string code, ReplSessionClient session, TimeSpan bound, Stopwatch clock, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await session.EvalAsync(code, cancellationToken, bound);
            return new ProbeOutcome(name, $"answered {Describe(reply)}", reply.IsError, true, clock.Elapsed);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Net.WebSockets.WebSocketException or IOException or ObjectDisposedException)
        {
            var ending = session.LastEnd switch
            {
                WireEvent.Silent => $"no reply within {bound.TotalSeconds:0} s",
                WireEvent.Closed c => $"connection closed with {c.Code}{(string.IsNullOrEmpty(c.Reason) ? string.Empty : $" ({c.Reason})")}",
                WireEvent.Dropped d => $"connection dropped ({d.Why})",
                _ => $"no reply ({e.GetType().Name})",
            };
            return new ProbeOutcome(name, ending, false, false, clock.Elapsed);
        }
    }

    /// <summary>A reply for a message: kind and the start of the error, or the start of the value; never the whole (it may be huge).</summary>
    private static string Describe(Reply reply)
    {
        static string Short(string? text) => text is null ? "(none)" : text.Length <= 80 ? text : text[..80] + "…";
        return reply.Error is { } error
            ? $"error{(reply.Kind is { } kind ? $" [{kind}]" : string.Empty)}: {Short(error)}"
            : $"value {Short(reply.Value)}";
    }
}
