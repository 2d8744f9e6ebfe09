using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;
using Spectre.Console;

namespace Beamtalk.Conformance.Cli;

/// <summary>The terminal's summary: one row per requirement, then waivers, the baseline diff and the gate.</summary>
internal static class VerdictTable
{
    public static void Print(ConformanceResults results)
    {
        if (Console.IsOutputRedirected)
        {
            // Spectre assumes 80 columns when it cannot ask a terminal; CI logs have room for whole reasons.
            AnsiConsole.Profile.Width = 200;
        }

        var table = new Table().AddColumns("ID", "Level", "Verdict", "Reason");
        foreach (var result in results.Requirements)
        {
            var reason = result.Waiver is { } waiver
                ? $"{waiver.WaivedVerdict}, waived until {waiver.Expires:yyyy-MM-dd}: {waiver.Justification}"
                : result.Reason.Split('\n', 2)[0];
            table.AddRow(
                Markup.Escape(result.Id),
                result.Level.ToString().ToUpperInvariant(),
                $"[{Colour(result.Verdict)}]{Markup.Escape(VerdictText.Display(result.Verdict))}[/]",
                Markup.Escape(reason.Length > 110 ? reason[..107] + "..." : reason));
        }

        AnsiConsole.Write(table);
        foreach (var waiver in results.Waivers.Where(w => w.State != WaiverState.Applied))
        {
            Console.WriteLine($"Waiver for {waiver.Id}: {waiver.State.ToString().ToLowerInvariant()}. {waiver.Note}");
        }

        if (results.Baseline is { } baseline)
        {
            var changes = baseline.Entries.Where(e => e.Change != BaselineChange.Unchanged).ToList();
            Console.WriteLine($"Against baseline {baseline.Path}: {(changes.Count == 0 ? "no change." : string.Empty)}");
            foreach (var change in changes)
            {
                Console.WriteLine($"  {change.Id}: {Baseline.Display(change.Change)} ({(change.Before is { } before ? VerdictText.Display(before) : "absent")} -> {VerdictText.Display(change.After)})");
            }
        }

        var counts = string.Join(", ", Enum.GetValues<Verdict>().Where(v => results.Count(v) > 0).Select(v => $"{results.Count(v)} {VerdictText.Display(v)}"));
        Console.WriteLine($"{counts}. Missing and Inconclusive never count as a pass.");
        Console.WriteLine(results.Gate.Line);
    }

    private static string Colour(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "green",
        Verdict.Caveat or Verdict.AcceptedRisk => "blue",
        Verdict.NonStrict or Verdict.Inconclusive => "yellow",
        Verdict.Missing => "grey",
        _ => "red",
    };
}
