using Beamtalk.Language.Runtime;
using Beamtalk.Language.Runtime.Values;

namespace Beamtalk.Language.Globals;

/// <summary>
/// <c>Workspace info</c>, <c>Workspace sessions</c>, <c>Workspace rotateCookie</c>. It reaches the workspace only
/// through <see cref="IWorkspaceControl"/>, which has no way to read the cookie (ADR 0058 P3).
/// </summary>
internal sealed class WorkspaceGlobal(IWorkspaceControl? workspace) : GlobalObject
{
    public override string Name => "Workspace";

    protected override BeamtalkObject? ReceiveOwn(string selector, IReadOnlyList<BeamtalkObject> arguments, Evaluator evaluator) => selector switch
    {
        "info" => new StringValue(string.Join(", ", Control().Info().Select(fact => $"{fact.Key}: {fact.Value}"))),
        "sessions" => new ArrayValue([.. Control().SessionIds().Select(id => new StringValue(id))]),
        "rotateCookie" => new IntegerValue(Control().RotateCookie()),
        _ => null,
    };

    private IWorkspaceControl Control() =>
        workspace ?? throw new BeamtalkException(ErrorKinds.NoWorkspace, "this session runs outside a workspace");
}
