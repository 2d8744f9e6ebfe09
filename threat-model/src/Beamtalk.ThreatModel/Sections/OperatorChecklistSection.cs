using Beamtalk.ThreatModel.Document;
using Beamtalk.ThreatModel.Rendering;

namespace Beamtalk.ThreatModel.Sections;

/// <summary>What an operator does before exposing a workspace beyond one developer's machine.</summary>
internal static class OperatorChecklistSection
{
    public static void Write(MarkdownWriter writer, DocumentContext context)
    {
        writer.Heading(2, "Operator checklist", AnchorKeys.Checklist);
        writer.Paragraph("Work through this list before a workspace is reachable from anywhere but the developer's own machine.");
        writer.NumberedList(
        [
            "**Treat the workspace cookie like an SSH private key — do not share it.** Keep it out of chat, tickets, " +
                "shell history, command lines and environment variables; in CI, store it in the secret store as you would a deploy key.",
            "**Keep the default loopback bind.** Bind another address only with the explicit opt-in flag, and read the " +
                "warning it prints: it names the address that is now exposed.",
            "**Put an identity check in front of the cookie for remote access.** Use a network overlay such as Tailscale or " +
                "WireGuard with access rules that admit only the owner, or a reverse proxy such as Caddy or Nginx that terminates " +
                "TLS for browsers. The cookie alone is not meant to face a network. The former built-in mTLS option has been removed.",
            "**Check the file modes.** The cookie must be 0600 and its workspace directory 0700, both owned by the workspace user.",
            "**One workspace per developer.** Never run a shared workspace as a team service.",
            "**In containers, run as a non-root user.** If the workspace must run as root, assume every root process in the " +
                "container can read the cookie, keep the REPL on the container's loopback, and avoid host networking, " +
                "which puts the port within reach of every process on the host.",
            "**After a suspected compromise, rotate the cookie and restart the workspace.** Rotation alone does not evict code " +
                "that a session hot-loaded.",
            "**Keep untrusted code out.** Anything that authenticates runs with the owner's full permissions, so give automated " +
                "agents and scripts their own workspace, account or container.",
            "**Plan your own audit trail if you need one.** The workspace does not record evaluated code.",
            $"**Regenerate this document from a fresh results file** and check the gate and the {context.SectionLink(AnchorKeys.Caveats, "caveats")} " +
                "before relying on it for a deployment.",
        ]);
    }
}
