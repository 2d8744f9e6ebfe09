using Beamtalk.Language.Syntax;

namespace Beamtalk.Language;

/// <summary>
/// A failure in user code, carrying its <see cref="ErrorKinds">kind</see>. Thrown inside the lexer, parser and
/// evaluator and turned into an <see cref="EvalError"/> at the <see cref="Session"/> boundary; it never escapes it.
/// </summary>
internal sealed class BeamtalkException : Exception
{
    public BeamtalkException(string kind, string detail)
        : base($"{kind}: {detail}")
    {
        Kind = kind;
    }

    public string Kind { get; }

    public EvalError ToEvalError() => new(Kind, Message);

    public static BeamtalkException Syntax(SourcePosition position, string detail) =>
        new(ErrorKinds.SyntaxError, $"{position}: {detail}");

    public static BeamtalkException TypeError(string detail) => new(ErrorKinds.TypeError, detail);

    public static BeamtalkException MemoryLimit(string detail) => new(ErrorKinds.MemoryLimit, detail);
}
