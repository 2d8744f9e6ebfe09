using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beamtalk.Workspace.Storage;

/// <summary>metadata.json: what the workspace is. It never holds a secret.</summary>
public sealed record WorkspaceMetadata(
    [property: JsonPropertyName("workspace_id")] string WorkspaceId,
    [property: JsonPropertyName("project_path")] string ProjectPath,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("last_active")] DateTimeOffset LastActive,
    [property: JsonPropertyName("repl_port")] int? ReplPort);

/// <summary>node.info: the running server, for clients and for stop. It never holds a secret.</summary>
public sealed record NodeInfo(
    [property: JsonPropertyName("node_name")] string NodeName,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("start_time")] DateTimeOffset StartTime,
    [property: JsonPropertyName("nonce")] string Nonce,
    [property: JsonPropertyName("bind_addr")] string BindAddress);

internal static class WorkspaceJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };
}
