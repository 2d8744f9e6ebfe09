using Beamtalk.Workspace.Storage;

namespace Beamtalk.Workspace.Server;

/// <summary>
/// The cookie connections are checked against. Rotation replaces it in one reference swap, so a
/// check sees the old cookie or the new one, never a mixture.
/// </summary>
internal sealed class CurrentCookie(WorkspaceCookie initial)
{
    private WorkspaceCookie _cookie = initial;

    public WorkspaceCookie Value => Volatile.Read(ref _cookie);

    public void Replace(WorkspaceCookie cookie) => Volatile.Write(ref _cookie, cookie);
}
