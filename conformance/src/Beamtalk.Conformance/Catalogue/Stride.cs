namespace Beamtalk.Conformance.Catalogue;

/// <summary>The STRIDE threat categories a requirement answers.</summary>
[Flags]
public enum Stride
{
    None = 0,
    Spoofing = 1,
    Tampering = 2,
    Repudiation = 4,
    InformationDisclosure = 8,
    DenialOfService = 16,
    ElevationOfPrivilege = 32,
}

public static class StrideNotation
{
    private static readonly (Stride Flag, char Letter)[] LetterTable =
    [
        (Stride.Spoofing, 'S'),
        (Stride.Tampering, 'T'),
        (Stride.Repudiation, 'R'),
        (Stride.InformationDisclosure, 'I'),
        (Stride.DenialOfService, 'D'),
        (Stride.ElevationOfPrivilege, 'E'),
    ];

    /// <summary>The conventional letters, in STRIDE order, e.g. "SIE".</summary>
    public static string Letters(Stride threats) =>
        string.Concat(LetterTable.Where(l => threats.HasFlag(l.Flag)).Select(l => l.Letter));
}
