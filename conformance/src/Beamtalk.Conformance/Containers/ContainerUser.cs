namespace Beamtalk.Conformance.Containers;

/// <summary>The accounts every image the kit builds has: root, the workspace's owner, and another user.</summary>
public sealed record ContainerUser(string Name, int Uid, string Home)
{
    public static ContainerUser Root { get; } = new("root", 0, "/root");

    public static ContainerUser Owner { get; } = new("owner", 1000, "/home/owner");

    public static ContainerUser Other { get; } = new("other", 1001, "/home/other");

    public static IReadOnlyList<ContainerUser> All { get; } = [Root, Owner, Other];

    public override string ToString() => $"uid {Uid}";
}
