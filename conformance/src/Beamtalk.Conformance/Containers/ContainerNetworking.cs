namespace Beamtalk.Conformance.Containers;

/// <summary>How a workspace container is networked.</summary>
public enum ContainerNetworking
{
    /// <summary>Docker's default bridge, with the workspace port published on the host's loopback only.</summary>
    PublishedOnBridge,

    /// <summary><c>--network host</c>: the container shares the host's network namespace, loopback included.</summary>
    Host,
}
