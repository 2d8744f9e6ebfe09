using Beamtalk.Language.Syntax;
using Beamtalk.Language.Syntax.Ast;

namespace Beamtalk.Language.Compilation;

/// <summary>What a source holds: statements to evaluate (the <c>eval</c> op), or class definitions (the <c>load-source</c> op).</summary>
public enum SourceKind
{
    Expressions,
    ClassDefinitions,
}

/// <summary>What compiling one source gave: the encoded program, or the error that stopped it.</summary>
public sealed record CompileResult(byte[]? Program, EvalError? Error)
{
    public bool Succeeded => Program is not null;
}

/// <summary>
/// The front end the compiler process runs: source in, encoded program out. Keeping it separate from
/// <see cref="Session"/> is what lets the workspace parse in another OS process (ADR 0058 2a).
/// </summary>
public static class SourceCompiler
{
    public static CompileResult Compile(string source, SessionOptions options, SourceKind kind = SourceKind.Expressions)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var program = kind == SourceKind.ClassDefinitions
                ? Parser.ParseClasses(source, options.MaxSyntaxNesting)
                : Parser.Parse(source, options.MaxSyntaxNesting);
            return new CompileResult(ProgramCodec.Encode(program), null);
        }
        catch (BeamtalkException failure)
        {
            return new CompileResult(null, failure.ToEvalError());
        }
    }
}

/// <summary>A program the compiler process encoded, decoded in the workspace for <see cref="Session.Evaluate(CompiledProgram, CancellationToken)"/>.</summary>
public sealed class CompiledProgram
{
    private CompiledProgram(ProgramNode program) => Program = program;

    internal ProgramNode Program { get; }

    /// <exception cref="FormatException">The bytes are not an encoded program.</exception>
    public static CompiledProgram Decode(ReadOnlyMemory<byte> encoded) => new(ProgramCodec.Decode(encoded));
}
