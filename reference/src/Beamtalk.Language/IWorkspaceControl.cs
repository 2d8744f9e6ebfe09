namespace Beamtalk.Language;

/// <summary>
/// What the <c>Workspace</c> global may see and do in the workspace hosting a session. Nothing here can yield the
/// cookie: the interface has no way to ask for it, so no printout or error of the global can carry it.
/// </summary>
public interface IWorkspaceControl
{
    /// <summary>Facts about the workspace (id, pid, port, sessions...) as label and value, in display order.</summary>
    IReadOnlyList<KeyValuePair<string, string>> Info();

    /// <summary>The ids of the workspace's open sessions.</summary>
    IReadOnlyList<string> SessionIds();

    /// <summary>Rotates the cookie as the <c>rotate-cookie</c> op does, ending every other session; answers how many ended.</summary>
    int RotateCookie();
}
