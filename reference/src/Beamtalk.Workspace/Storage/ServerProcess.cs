using System.Text;

namespace Beamtalk.Workspace.Storage;

/// <summary>
/// Recognises this workspace's server process. A recorded pid may since belong to an unrelated
/// process, or to the server of another home for the same project (same default ID); only a
/// process whose command line carries this start's random nonce is ours to signal or to trust
/// with the cookie.
/// </summary>
public static class ServerProcess
{
    public const string ServeVerb = "serve";
    public const string NonceOption = "--nonce";

    public static bool IsRunning(NodeInfo node, WorkspaceId id)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{node.Pid}/cmdline")).Split('\0');
            var nonce = Array.IndexOf(parts, NonceOption);
            return parts.Contains(ServeVerb, StringComparer.Ordinal)
                && parts.Contains(id.Value, StringComparer.Ordinal)
                && nonce >= 0 && nonce + 1 < parts.Length && parts[nonce + 1] == node.Nonce;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
