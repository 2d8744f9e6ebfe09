using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Reports;

/// <summary>
/// junit.xml: one test case per requirement, so CI systems show requirements, not test methods.
/// Fail is a failure; Missing and Inconclusive are skipped with their reason (never passed);
/// every case carries its verdict and level as properties, so Non-strict and Caveat stay visible.
/// </summary>
public static class JUnitReport
{
    public static string Write(ConformanceResults results)
    {
        var cases = results.Requirements.Select(Case).ToList();
        var suite = new XElement("testsuite",
            new XAttribute("name", XmlSafe($"beamtalk-conformance ({results.Target.Name})")),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", results.Count(Verdict.Fail)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", results.Count(Verdict.Missing) + results.Count(Verdict.Inconclusive)),
            new XAttribute("time", Seconds(results.Run.DurationSeconds)),
            new XAttribute("timestamp", results.Run.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            cases);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
        return $"{document.Declaration}\n{document.Root}\n";
    }

    private static XElement Case(RequirementResult result)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", $"beamtalk.{result.Id[..result.Id.IndexOf('-', StringComparison.Ordinal)].ToLowerInvariant()}"),
            new XAttribute("name", XmlSafe($"{result.Id}: {result.Title}")),
            new XAttribute("time", Seconds(result.Tests.Sum(t => t.Seconds))),
            new XElement("properties",
                new XElement("property", new XAttribute("name", "requirement"), new XAttribute("value", result.Id)),
                new XElement("property", new XAttribute("name", "level"), new XAttribute("value", result.Level.ToString().ToUpperInvariant())),
                new XElement("property", new XAttribute("name", "verdict"), new XAttribute("value", VerdictText.Display(result.Verdict)))));

        switch (result.Verdict)
        {
            case Verdict.Fail:
                element.Add(new XElement("failure", new XAttribute("message", XmlSafe(FirstLine(result.Reason))), new XAttribute("type", "requirement-failed"), XmlSafe(result.Reason)));
                break;
            case Verdict.Missing or Verdict.Inconclusive:
                element.Add(new XElement("skipped", new XAttribute("message", XmlSafe($"{VerdictText.Display(result.Verdict)}: {FirstLine(result.Reason)}"))));
                break;
            default:
                element.Add(new XElement("system-out", XmlSafe($"{VerdictText.Display(result.Verdict)}: {result.Reason}")));
                break;
        }

        return element;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0];

    /// <summary>Target output can hold characters XML 1.0 cannot (terminal colour codes, NUL); they are written as \uXXXX.</summary>
    private static string XmlSafe(string text)
    {
        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                safe.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                safe.Append(text, i++, 2);
            }
            else
            {
                safe.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:X4}");
            }
        }

        return safe.ToString();
    }

    private static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
}
