namespace Beamtalk.Conformance.Catalogue;

/// <summary>What an attacker wants. A requirement guards the assets of its family, and may name more (<see cref="Requirement.AlsoGuards"/>).</summary>
[Flags]
public enum Asset
{
    None = 0,

    /// <summary>The workspace cookie: whoever holds it runs code as the owner.</summary>
    Cookie = 1,

    /// <summary>The REPL endpoint, the only door to code execution.</summary>
    ReplEndpoint = 2,

    /// <summary>Workspace files (metadata, node.info, the compiler daemon's socket, logs).</summary>
    WorkspaceFiles = 4,
}

/// <summary>An accepted risk the threat model documents with the requirements that demonstrate it.</summary>
public enum DocumentedCaveat
{
    None,

    /// <summary>Root in a container reads any user's cookie there (ADR 0058 2c).</summary>
    RootInContainer,

    /// <summary>Host networking puts the REPL port in reach of every host process (ADR 0058 2c).</summary>
    HostNetwork,
}
