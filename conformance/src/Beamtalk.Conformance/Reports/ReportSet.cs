using System.Diagnostics;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Reports;

/// <summary>One written report: its file name, size, and how long it took to generate and write.</summary>
public sealed record WrittenReport(string FileName, long Bytes, double Milliseconds);

/// <summary>The five reports every run writes, from the same results, in one place.</summary>
public static class ReportSet
{
    public static readonly string[] FileNames = ["results.json", "junit.xml", "results.sarif", "report.html", "report.md"];

    public static IReadOnlyList<WrittenReport> WriteAll(ConformanceResults results, string directory, SarifContext sarif)
    {
        Directory.CreateDirectory(directory);
        return
        [
            Write(directory, "results.json", () => ResultsJson.Serialize(results) + "\n"),
            Write(directory, "junit.xml", () => JUnitReport.Write(results)),
            Write(directory, "results.sarif", () => SarifReport.Write(results, sarif)),
            Write(directory, "report.html", () => HtmlReport.Write(results)),
            Write(directory, "report.md", () => MarkdownReport.Write(results)),
        ];
    }

    private static WrittenReport Write(string directory, string name, Func<string> render)
    {
        var clock = Stopwatch.StartNew();
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, render());
        return new WrittenReport(name, new FileInfo(path).Length, Math.Round(clock.Elapsed.TotalMilliseconds, 1));
    }
}
