using Beamtalk.Conformance.Catalogue;

namespace Beamtalk.ThreatModel.Document;

/// <summary>Keys the sections use to name headings they link to.</summary>
internal static class AnchorKeys
{
    public const string Summary = "section:summary";
    public const string Details = "section:details";
    public const string Caveats = "section:caveats";
    public const string RootInContainer = "section:root-in-container";
    public const string Checklist = "section:checklist";
    public const string Principles = "section:principles";
    public const string UnknownResults = "section:unknown-results";
    public const string EvidenceRun = "section:evidence-run";
    public const string AcceptedRisks = "section:accepted-risks";
    public const string Limits = "section:limits";

    public static string Requirement(string id) => "requirement:" + id;

    public static string Principle(Principle principle) => "principle:" + principle;

    public static string Family(string family) => "family:" + family;
}
