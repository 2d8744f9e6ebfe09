using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Results;

namespace Beamtalk.ThreatModel.Grading;

/// <summary>How the document names levels, threats, families, outcomes and verdicts.</summary>
internal static class CatalogueWording
{
    private static readonly (Stride Flag, string Name)[] ThreatNameTable =
    [
        (Stride.Spoofing, "Spoofing"),
        (Stride.Tampering, "Tampering"),
        (Stride.Repudiation, "Repudiation"),
        (Stride.InformationDisclosure, "Information disclosure"),
        (Stride.DenialOfService, "Denial of service"),
        (Stride.ElevationOfPrivilege, "Elevation of privilege"),
    ];

    /// <summary>RFC 2119 style: MUST, SHOULD, CAVEAT, INFO.</summary>
    public static string Level(RequirementLevel level) => level.ToString().ToUpperInvariant();

    public static string ThreatNames(Stride threats)
    {
        var names = ThreatNameTable.Where(t => threats.HasFlag(t.Flag)).Select(t => t.Name).ToList();
        return names.Count == 0 ? "none named" : string.Join(", ", names);
    }

    public static string FamilyTitle(string family) => family switch
    {
        "NET" => "Network exposure",
        "AUTH" => "The authentication boundary",
        "SECRET" => "The workspace cookie",
        "ISO" => "Isolation and limits",
        "CAP" => "Capabilities the design accepts",
        "PY" => "The embedded Python sandbox",
        "CT" => "Containers",
        "BR" => "A real browser",
        "DOC" => "This document",
        _ => "Other requirements",
    };

    public static string Outcome(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Passed => "Passed",
        TestOutcome.Failed => "Failed",
        TestOutcome.Skipped => "Skipped",
        TestOutcome.NotRun => "Not run",
        _ => outcome.ToString(),
    };

    /// <summary>What a verdict tells the reader, for the summary table.</summary>
    public static string VerdictMeaning(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "The requirement holds.",
        Verdict.NonStrict => "A SHOULD does not hold. Reported; the gate still passes.",
        Verdict.Fail => "A MUST does not hold, or a documented caveat no longer behaves as documented.",
        Verdict.Caveat => "An accepted risk, shown to behave exactly as documented.",
        Verdict.Inconclusive => "A test ran but its evidence could not decide. Not a pass.",
        Verdict.Missing => "Nothing could be checked: no test, a missing prerequisite, or no result. Not a pass.",
        Verdict.AcceptedRisk => "A failure waived by the operator, with a justification and an expiry date.",
        _ => "Unknown verdict.",
    };
}
