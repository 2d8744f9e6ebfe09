using System.Text;

namespace Beamtalk.Workspace.Storage;

/// <summary>
/// Recognises this workspace's server process. A recorded pid may have been reused by an unrelated
/// process; the command line must name this workspace before anyone treats the pid as ours.
/// </summary>
public static class ServerProcess
{
    public const string ServeVerb = "serve";

    public static bool IsAlive(int pid, WorkspaceId id)
    {
        try
        {
            var arguments = File.ReadAllBytes($"/proc/{pid}/cmdline");
            var parts = Encoding.UTF8.GetString(arguments).Split('\0');
            return parts.Contains(ServeVerb, StringComparer.Ordinal) && parts.Contains(id.Value, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
