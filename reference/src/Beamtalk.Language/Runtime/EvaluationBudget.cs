using System.Runtime.CompilerServices;

namespace Beamtalk.Language.Runtime;

/// <summary>
/// What one evaluation may still spend: steps, nesting depth and the caller's patience (cancellation).
/// </summary>
internal sealed class EvaluationBudget
{
    private readonly long _maxSteps;
    private readonly int _maxDepth;
    private readonly CancellationToken _cancellationToken;
    private long _steps;
    private int _depth;

    public EvaluationBudget(SessionOptions options, CancellationToken cancellationToken)
    {
        _maxSteps = options.MaxSteps;
        _maxDepth = options.MaxEvaluationDepth;
        _cancellationToken = cancellationToken;
    }

    public long StepsTaken => _steps;

    /// <summary>For work outside the evaluator (a child process) that must stop when the evaluation is cancelled.</summary>
    public CancellationToken CancellationToken => _cancellationToken;

    /// <summary>Charged for every message send and every loop iteration.</summary>
    public void ChargeStep()
    {
        if (++_steps > _maxSteps)
        {
            throw new BeamtalkException(ErrorKinds.StepLimit, $"evaluation exceeded {_maxSteps} steps");
        }

        ThrowIfCancelled();
    }

    public void ThrowIfCancelled()
    {
        if (_cancellationToken.IsCancellationRequested)
        {
            throw new BeamtalkException(ErrorKinds.Cancelled, "evaluation cancelled");
        }
    }

    public void Enter()
    {
        if (++_depth > _maxDepth)
        {
            _depth--;
            throw new BeamtalkException(ErrorKinds.DepthLimit, $"evaluation nested deeper than {_maxDepth} levels");
        }

        // The counted limit fits a 1 MB stack; this probe covers callers running us on a smaller one.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            throw new BeamtalkException(ErrorKinds.DepthLimit, "evaluation nested too deeply for this thread's stack");
        }
    }

    public void Exit() => _depth--;
}
