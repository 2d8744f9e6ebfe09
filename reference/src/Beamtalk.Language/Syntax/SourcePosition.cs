namespace Beamtalk.Language.Syntax;

/// <summary>A place in source: 1-based line and column (in UTF-16 code units) plus the 0-based offset.</summary>
internal readonly record struct SourcePosition(int Line, int Column, int Offset)
{
    public static SourcePosition Start { get; } = new(1, 1, 0);

    public override string ToString() => $"{Line}:{Column}";
}
