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
    private readonly SessionRuntime _runtime;

    public Session(SessionOptions options)
        : this(options, workspace: null)
    {
    }

    /// <param name="workspace">What the <c>Workspace</c> global reports and can do; null in a bare session.</param>
    public Session(SessionOptions options, IWorkspaceControl? workspace)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _globals = GlobalCatalogue.CreateFor(options, workspace);
        _runtime = new SessionRuntime(options, _bindings, _globals, _gate);
    }

    /// <summary>
    /// Parses <paramref name="source"/> as class definitions (the <c>load-source</c> op) and defines them; a class
    /// already defined is redefined in place, so its live instances and actors use the new methods from their next message.
    /// </summary>
    public EvalResult LoadSource(string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Run(() => Parser.ParseClasses(source, _options.MaxSyntaxNesting), cancellationToken);
    }

    /// <summary>Ends this session's actors; they otherwise outlive the connection that spawned them.</summary>
    public void StopActors() => _runtime.StopActors();

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
            var evaluator = _runtime.NewEvaluator(cancellationToken);
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
