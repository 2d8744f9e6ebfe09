using Beamtalk.Conformance.Results;
using Beamtalk.Conformance.Runner;

namespace Beamtalk.Conformance.Cli;

/// <summary>One line per finished test, so a long run shows where it is, and a CI log reads top to bottom.</summary>
internal sealed class SuiteProgressPrinter : IProgress<SuiteProgress>
{
    public void Report(SuiteProgress value)
    {
        var record = value.Test.Record;
        var ids = value.Test.Requirements.Count == 0 ? "-" : string.Join(",", value.Test.Requirements);
        var outcome = record.Outcome switch
        {
            TestOutcome.Passed => "PASS",
            TestOutcome.Failed => "FAIL",
            TestOutcome.Skipped => "SKIP",
            TestOutcome.Missing => "MISSING",
            TestOutcome.Inconclusive => "UNDECIDED",
            TestOutcome.Errored => "ERROR",
            _ => "NOT RUN",
        };
        Console.WriteLine($"[{value.Finished,3}/{value.Total}] {outcome,-9} {ids,-26} {record.Name} ({record.Seconds:0.0} s)");
    }
}
