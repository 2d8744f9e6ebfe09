using System.Globalization;
using System.Xml.Linq;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Reports;

/// <summary>
/// junit.xml: one test case per requirement, so CI systems show requirements, not test methods.
/// Fail is a failure; Missing and Inconclusive are skipped with their reason, never passed; Accepted
/// risk passes with a property naming its waiver; Non-strict (a SHOULD that does not hold, which does
/// not fail the gate by default) and Caveat pass with their verdict as a property and in system-out. Every case carries the requirement
/// ID in its name and as a property. The attributes follow the de-facto JUnit schema, including the
/// ones strict consumers require (testsuite package, id, hostname, timestamp without a zone).
/// </summary>
public static class JUnitReport
{
    public static string Write(ConformanceResults results)
    {
        var cases = results.Requirements.Select(Case).ToList();
        var failures = results.Count(Verdict.Fail);
        var skipped = results.Count(Verdict.Missing) + results.Count(Verdict.Inconclusive);
        var time = Seconds(results.Run.DurationSeconds);
        var suite = new XElement("testsuite",
            new XAttribute("name", XmlText.Safe($"beamtalk-conformance ({results.Target.Name})")),
            new XAttribute("package", "beamtalk-conformance"),
            new XAttribute("id", 0),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("skipped", skipped),
            new XAttribute("time", time),
            new XAttribute("timestamp", results.Run.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XAttribute("hostname", XmlText.Safe(results.Run.Hostname is { Length: > 0 } host ? host : "localhost")),
            new XElement("properties", SuiteProperties(results).Select(p => Property(p.Name, p.Value))),
            cases,
            new XElement("system-out", XmlText.Safe(results.Gate.Line)),
            new XElement("system-err", string.Empty));
        var root = new XElement("testsuites",
            new XAttribute("name", "beamtalk-conformance"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("skipped", skipped),
            new XAttribute("time", time),
            suite);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        return $"{document.Declaration}\n{document.Root}\n";
    }

    private static IEnumerable<(string Name, string Value)> SuiteProperties(ConformanceResults results)
    {
        yield return ("kit-version", results.Run.KitVersion);
        yield return ("catalogue-version", results.Run.CatalogueVersion ?? "unknown");
        yield return ("target", results.Target.Name);
        yield return ("gate", results.Gate.Status);
        if (results.Baseline is { } baseline)
        {
            yield return ("baseline-sha256", baseline.ResultsSha256);
        }
    }

    private static XElement Case(RequirementResult result)
    {
        var properties = new List<XElement>
        {
            Property("requirement", result.Id),
            Property("level", result.Level.ToString().ToUpperInvariant()),
            Property("verdict", VerdictText.Display(result.Verdict)),
        };
        if (result.Waiver is { } waiver)
        {
            properties.Add(Property("waiver", $"{waiver.WaivedVerdict} accepted until {waiver.Expires:yyyy-MM-dd}: {waiver.Justification}"));
            properties.Add(Property("waiver-expires", waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        var element = new XElement("testcase",
            new XAttribute("name", XmlText.Safe($"{result.Id}: {result.Title}")),
            new XAttribute("classname", $"beamtalk.{result.Id[..result.Id.IndexOf('-', StringComparison.Ordinal)].ToLowerInvariant()}"),
            new XAttribute("time", Seconds(result.DurationSeconds)),
            new XElement("properties", properties));

        switch (result.Verdict)
        {
            case Verdict.Fail:
                element.Add(new XElement("failure",
                    new XAttribute("message", XmlText.Safe(FirstLine(result.Reason))),
                    new XAttribute("type", "requirement-failed"),
                    XmlText.Safe(result.Reason)));
                break;
            case Verdict.Missing or Verdict.Inconclusive:
                element.Add(new XElement("skipped", new XAttribute("message", XmlText.Safe($"{VerdictText.Display(result.Verdict)}: {FirstLine(result.Reason)}"))));
                break;
            default:
                element.Add(new XElement("system-out", XmlText.Safe($"{VerdictText.Display(result.Verdict)}: {result.Reason}")));
                break;
        }

        return element;
    }

    private static XElement Property(string name, string value) =>
        new("property", new XAttribute("name", name), new XAttribute("value", XmlText.Safe(value)));

    private static string FirstLine(string text) => text.Split('\n', 2)[0];

    private static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
}
