using Beamtalk.Language.Globals;
using Beamtalk.Language.Runtime.Values;
using Beamtalk.Language.Syntax.Ast;

namespace Beamtalk.Language.Runtime;

/// <summary>
/// What one session's code lives in beyond its bindings: the classes it loaded and the actors it spawned.
/// Everything here runs under the session's lock, evaluations and actor turns alike, so they never race on
/// bindings or state. Actors outlive the connection that spawned them, until <see cref="StopActors"/> (the
/// workspace stopping): hot-loaded code keeps running after a cookie rotation (ADR 0058, an accepted risk).
/// </summary>
internal sealed class SessionRuntime
{
    private readonly Dictionary<string, ClassValue> _classes = new(StringComparer.Ordinal);
    private volatile bool _stopped;

    public SessionRuntime(SessionOptions options, Scope bindings, GlobalTable globals, Lock gate)
    {
        Options = options;
        Bindings = bindings;
        Globals = globals;
        Gate = gate;
    }

    public SessionOptions Options { get; }

    public Scope Bindings { get; }

    public GlobalTable Globals { get; }

    public Lock Gate { get; }

    public bool TryGetClass(string name, out BeamtalkObject value)
    {
        var found = _classes.TryGetValue(name, out var @class);
        value = (BeamtalkObject?)@class ?? NilValue.Instance;
        return found;
    }

    public Evaluator NewEvaluator(CancellationToken cancellationToken) => new(this, cancellationToken);

    /// <summary>Defines a class, or redefines it in place so its live instances and actors take the new methods.</summary>
    public ClassValue Define(ClassDefinition definition)
    {
        if (Globals.TryGet(definition.Name, out _))
        {
            throw new BeamtalkException(ErrorKinds.InvalidAssignment, $"{definition.Position}: {definition.Name} is a global and cannot be redefined");
        }

        ClassValue? superclass = null;
        if (definition.Superclass != "Object")
        {
            superclass = _classes.GetValueOrDefault(definition.Superclass)
                ?? throw new BeamtalkException(ErrorKinds.UndefinedVariable, $"{definition.Position}: superclass {definition.Superclass} is not defined");
            for (var c = superclass; c is not null; c = c.Superclass)
            {
                if (c.Name == definition.Name)
                {
                    throw new BeamtalkException(ErrorKinds.InvalidAssignment, $"{definition.Position}: {definition.Name} cannot inherit from itself");
                }
            }
        }

        if (_classes.TryGetValue(definition.Name, out var existing))
        {
            existing.Redefine(definition, superclass);
            return existing;
        }

        var created = new ClassValue(definition, superclass, this);
        _classes[definition.Name] = created;
        return created;
    }

    public ActorValue Spawn(BeamtalkObject behaviour, Evaluator evaluator) => behaviour switch
    {
        BlockValue { Definition.Parameters.Count: 1 } block => ActorValue.OfBlock(this, block),
        ClassValue @class => ActorValue.OfClass(this, @class, evaluator),
        _ => throw BeamtalkException.TypeError($"Actor spawn: expects a one-argument Block or a loaded class, got {behaviour.ClassName}"),
    };

    /// <summary>Queues one turn of <paramref name="actor"/> on the thread pool; it waits for the session's lock.</summary>
    public void Schedule(ActorValue actor)
    {
        if (_stopped)
        {
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(_ => RunTurn(actor), null);
    }

    public void PostLater(ActorValue actor, BeamtalkObject message, IntegerValue milliseconds)
    {
        if (milliseconds.Value < 0 || milliseconds.Value > 3_600_000)
        {
            throw new BeamtalkException(ErrorKinds.IndexOutOfBounds, "send:after: takes 0 to 3600000 milliseconds");
        }

        _ = Task.Delay((int)milliseconds.Value)
            .ContinueWith(
                _ =>
                {
                    if (!_stopped)
                    {
                        actor.Post(message);
                    }
                },
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Ends every actor of this session: queued and delayed messages are dropped.</summary>
    public void StopActors() => _stopped = true;

    private void RunTurn(ActorValue actor)
    {
        lock (Gate)
        {
            if (_stopped)
            {
                return;
            }

            try
            {
                // Each turn has a fresh budget, as each eval does; its Transcript output goes nowhere.
                actor.RunOneTurn(NewEvaluator(CancellationToken.None));
            }
            catch (OutOfMemoryException)
            {
                // The turn is lost; on the thread pool it would otherwise end the workspace.
            }
        }
    }
}
