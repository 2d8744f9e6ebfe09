using Beamtalk.Language.Runtime;
using Beamtalk.Language.Runtime.Values;

namespace Beamtalk.Language.Globals;

/// <summary><c>Actor spawn: [:msg | ...]</c> or <c>Actor spawn: Counter</c>: a supervised actor of this session.</summary>
internal sealed class ActorGlobal : GlobalObject
{
    public override string Name => "Actor";

    protected override BeamtalkObject? ReceiveOwn(string selector, IReadOnlyList<BeamtalkObject> arguments, Evaluator evaluator) =>
        selector == "spawn:" ? evaluator.Runtime.Spawn(arguments[0], evaluator) : null;
}
