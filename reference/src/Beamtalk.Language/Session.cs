using Beamtalk.Language.Globals;
using Beamtalk.Language.Runtime;
using Beamtalk.Language.Syntax;

namespace Beamtalk.Language;

/// <summary>
/// One REPL session: its bindings persist from one <see cref="Evaluate"/> call to the next. Evaluations on one
/// session run one at a time.
/// </summary>
public sealed class Session
{
    private readonly SessionOptions _options;
    private readonly GlobalTable _globals;
    private readonly Scope _bindings = new(parent: null);
    private readonly Lock _gate = new();

    public Session(SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _globals = GlobalCatalogue.CreateFor(options);
    }

    /// <summary>
    /// Parses all of <paramref name="code"/> and, only if it parses, runs its statements in order. Failures in the
    /// code come back as <see cref="EvalResult.Error"/>; they are not thrown. Bindings made before a failing
    /// statement are kept.
    /// </summary>
    public EvalResult Evaluate(string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Run(() => Parser.Parse(code, _options.MaxSyntaxNesting), cancellationToken);
    }

    /// <summary>Runs a program parsed elsewhere (the workspace's compiler process); otherwise as <see cref="Evaluate(string, CancellationToken)"/>.</summary>
    public EvalResult Evaluate(Compilation.CompiledProgram program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Run(() => program.Program, cancellationToken);
    }

    private EvalResult Run(Func<Syntax.Ast.ProgramNode> parse, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var evaluator = new Evaluator(_options, _bindings, _globals, cancellationToken);
            try
            {
                evaluator.Budget.ThrowIfCancelled();
                var program = parse();
                var value = evaluator.Run(program);
                return EvalResult.Success(evaluator.Print(value), evaluator.Output.ToString());
            }
            catch (BeamtalkException failure)
            {
                return EvalResult.Failure(failure.ToEvalError(), evaluator.Output.ToString());
            }
            catch (Exception defect) when (defect is not OutOfMemoryException)
            {
                // A bug in the evaluator must not take the workspace down with it.
                return EvalResult.Failure(
                    new EvalError(ErrorKinds.InternalError, $"{ErrorKinds.InternalError}: {defect.GetType().Name}: {defect.Message}"),
                    evaluator.Output.ToString());
            }
        }
    }
}
