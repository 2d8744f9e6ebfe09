namespace Beamtalk.Conformance.Principles.Source;

/// <summary>
/// One source line in three views. <see cref="Code"/> drops comments; <see cref="Skeleton"/> also blanks the
/// inside of string literals but keeps interpolation holes, so a secret named in a message's text does not
/// count while one interpolated into it does. <see cref="IsChanged"/>: added on the new side, removed on the
/// old side; the rest is context.
/// </summary>
public sealed record ScannedLine(int Number, string Raw, string Code, string Skeleton, bool IsChanged, int Hunk)
{
    /// <summary>The comment text of the line (for suppressions), or empty.</summary>
    public string Comment { get; init; } = "";
}
