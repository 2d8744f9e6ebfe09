using System.Collections.Concurrent;

namespace Beamtalk.Language.Runtime.Values;

/// <summary>
/// An actor: a mailbox and a behaviour, either a one-argument block or an instance of a loaded class (a Symbol
/// message is a unary send, <c>#(add: 5)</c> a keyword send). Supervised: an error while handling a message (a
/// crash, or a message its behaviour cannot take) restarts it with fresh state and counts the restart; nothing
/// else is touched.
/// </summary>
internal sealed class ActorValue : BeamtalkObject
{
    private readonly ConcurrentQueue<Envelope> _mailbox = new();
    private readonly SessionRuntime _runtime;
    private readonly BlockValue? _handler;
    private readonly ClassValue? _class;
    private InstanceValue? _state;
    private bool _dead;

    private ActorValue(SessionRuntime runtime, BlockValue? handler, ClassValue? @class, InstanceValue? state)
    {
        _runtime = runtime;
        _handler = handler;
        _class = @class;
        _state = state;
    }

    public int Restarts { get; private set; }

    public string? LastCrash { get; private set; }

    public override string ClassName => "Actor";

    public static ActorValue OfBlock(SessionRuntime runtime, BlockValue handler) => new(runtime, handler, null, null);

    public static ActorValue OfClass(SessionRuntime runtime, ClassValue @class, Evaluator evaluator) =>
        new(runtime, null, @class, @class.Instantiate(evaluator));

    public override void PrintOn(Printer printer) =>
        printer.Write(_class is null ? "an Actor" : $"an Actor({_class.Name})");

    public void Post(BeamtalkObject message)
    {
        _mailbox.Enqueue(new Envelope(message));
        _runtime.Schedule(this);
    }

    /// <summary>One turn on the actor's own schedule: the oldest message, if an <c>ask:</c> did not take it already.</summary>
    public void RunOneTurn(Evaluator evaluator)
    {
        if (_mailbox.TryDequeue(out var envelope))
        {
            Deliver(envelope, evaluator);
        }
    }

    protected override BeamtalkObject? ReceiveOwn(string selector, IReadOnlyList<BeamtalkObject> arguments, Evaluator evaluator)
    {
        switch (selector)
        {
            case "send:":
                ThrowIfDead();
                Post(arguments[0]);
                return this;
            case "send:after:":
                ThrowIfDead();
                _runtime.PostLater(this, arguments[0], ExpectInteger(arguments[1], selector));
                return this;
            case "ask:":
                return Ask(arguments[0], evaluator);
            case "restarts":
                return new IntegerValue(Restarts);
            case "isAlive":
                return BooleanValue.Of(!_dead);
            case "lastCrash":
                return LastCrash is null ? NilValue.Instance : new StringValue(LastCrash);
            default:
                return null;
        }
    }

    // The caller already holds the session: it handles the queue up to its own message, in order.
    private BeamtalkObject Ask(BeamtalkObject message, Evaluator evaluator)
    {
        ThrowIfDead();
        var mine = new Envelope(message);
        _mailbox.Enqueue(mine);
        while (_mailbox.TryDequeue(out var next))
        {
            Deliver(next, evaluator);
            if (ReferenceEquals(next, mine))
            {
                break;
            }
        }

        return mine.Failure is { } failure ? throw failure : mine.Answer ?? NilValue.Instance;
    }

    private void Deliver(Envelope envelope, Evaluator evaluator)
    {
        if (_dead)
        {
            envelope.Failure = Dead();
            return;
        }

        try
        {
            envelope.Answer = _handler is not null
                ? evaluator.CallBlock(_handler, envelope.Message)
                : Dispatch(envelope.Message, evaluator);
        }
        catch (BeamtalkException failure) when (failure.Kind == ErrorKinds.Cancelled)
        {
            // Interrupted by its caller: not the actor's fault, so no restart.
            envelope.Failure = failure;
        }
        catch (Exception crash) when (crash is not OutOfMemoryException)
        {
            envelope.Failure = Supervise(crash);
        }
    }

    private BeamtalkObject Dispatch(BeamtalkObject message, Evaluator evaluator)
    {
        var (selector, arguments) = message switch
        {
            SymbolValue symbol => (symbol.Name, (IReadOnlyList<BeamtalkObject>)[]),
            ArrayValue { Elements: [SymbolValue symbol, ..] } array => (symbol.Name, (IReadOnlyList<BeamtalkObject>)[.. array.Elements.Skip(1)]),
            _ => throw new BeamtalkException(ErrorKinds.MalformedMessage, $"an actor of {_class!.Name} takes a Symbol or #(selector: args) message, got {message.ClassName}"),
        };
        var expected = selector.Count(c => c == ':');
        if (expected != arguments.Count)
        {
            throw new BeamtalkException(ErrorKinds.MalformedMessage, $"#{selector} takes {expected} argument(s), the message has {arguments.Count}");
        }

        return evaluator.Send(_state!, selector, arguments);
    }

    // One-for-one, as an OTP supervisor would: the crashed actor alone starts again from its initial state.
    private BeamtalkException Supervise(Exception crash)
    {
        Restarts++;
        LastCrash = crash is BeamtalkException known ? known.Message : $"{ErrorKinds.InternalError}: {crash.GetType().Name}";
        string outcome;
        if (_runtime.Options.RestartCrashedActors)
        {
            _state = _class?.Instantiate(_runtime.NewEvaluator(CancellationToken.None));
            outcome = $"restarted (restarts: {Restarts})";
        }
        else
        {
            _dead = true;
            outcome = "not restarted";
        }

        return new BeamtalkException(ErrorKinds.ActorCrashed, $"the actor crashed ({LastCrash}) and was {outcome}");
    }

    private void ThrowIfDead()
    {
        if (_dead)
        {
            throw Dead();
        }
    }

    private static BeamtalkException Dead() => new(ErrorKinds.ActorDead, "the actor crashed and is not running");

    private sealed class Envelope(BeamtalkObject message)
    {
        public BeamtalkObject Message { get; } = message;

        public BeamtalkObject? Answer { get; set; }

        public BeamtalkException? Failure { get; set; }
    }
}
