using Beamtalk.ThreatModel.Document;
using Beamtalk.ThreatModel.Rendering;

namespace Beamtalk.ThreatModel.Sections;

/// <summary>The trust model (ADR 0058): who is trusted, where the boundary is, what the cookie does.</summary>
internal static class StanceSection
{
    public static void Write(MarkdownWriter writer, DocumentContext context)
    {
        writer.Heading(2, "Stance: a trusted developer tool");
        writer.Paragraph(
            "A Beamtalk workspace serves one trusted developer working on their own systems. " +
            "Its REPL exists to run whatever code it is given, so a valid workspace cookie is full code execution " +
            "with the operating-system rights of the account that started the workspace.");
        writer.Paragraph(
            "This is intended. Behind the cookie check there is no sandbox, no allowlist of callable Erlang modules, " +
            "no filter on spawned commands and no restriction on reachable URLs. Everything therefore rests on one boundary, " +
            "authentication, and on the cookie staying secret.");

        writer.Heading(2, "The boundary");
        writer.Paragraph(
            "The boundary is the cookie handshake on every WebSocket connection, behind a listener that binds loopback only. " +
            "Locally, the file permissions on the cookie decide who can authenticate. For remote use, a network overlay or a " +
            "TLS-terminating reverse proxy has to establish who is connecting before the cookie is checked.");

        writer.Heading(3, "Inside the boundary");
        writer.Paragraph(
            "An authenticated session can do anything the workspace owner's account can do: evaluate any expression, call any " +
            "loaded Erlang function, spawn any program, send HTTP requests to any address, hot-load code and stop the workspace. " +
            "No further check applies.");

        writer.Heading(3, "Outside the boundary");
        writer.Paragraph(
            "Before authentication the workspace evaluates nothing, creates no session, and neither echoes nor logs what it receives. " +
            "A connection that fails authentication is closed.");

        writer.Heading(3, "What the cookie protects against");
        writer.Bullets(
        [
            "Other local processes and OS users that cannot read the cookie file connecting to the REPL and running code as you.",
            "Other hosts on the network: the REPL listens on loopback unless you opt in to another address explicitly.",
            "Web pages open in your browser: upgrades from foreign origins are refused, and a page cannot learn the cookie.",
            "Guessing: the cookie holds 256 random bits and is compared in constant time.",
        ]);

        writer.Heading(3, "What the cookie does not protect against");
        writer.Bullets(
        [
            "Anything an authenticated session does, whether you typed it, pasted it or a trusted script sent it: deleting files, " +
                "reading secrets in your home directory, spawning processes, calling internal HTTP endpoints such as cloud metadata " +
                "addresses, or halting the workspace.",
            "Root, and any process running under your own account: both can read a 0600 file. " +
                $"In a container that runs as root the file mode protects nothing; see {context.SectionLink(AnchorKeys.RootInContainer, "Running as root in a container")}.",
            "Anyone you hand the cookie to. The same secret also admits a peer to the workspace's Erlang distribution, " +
                "so a leaked cookie is a full compromise by either route.",
            "Code hot-loaded by a session before the cookie was rotated: it keeps running until the workspace restarts.",
            "Several developers sharing one workspace: the cookie identifies a workspace, not a person, and evaluated code is not logged.",
        ]);
    }
}
