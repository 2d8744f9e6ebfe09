using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beamtalk.Conformance.Targets;

/// <summary>A target file that cannot be used; the message says what to fix.</summary>
public sealed class TargetFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Loads and validates target files. Every problem is reported with the file name and the field.</summary>
public static class TargetFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static TargetDescription Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TargetFileException($"{path}: cannot read the target file: {e.Message}", e);
        }

        // {targetDir} lets a target file name programs relative to itself, not to wherever the kit runs.
        return Parse(text, path) with { BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) };
    }

    public static TargetDescription Parse(string json, string source)
    {
        // Three passes, each with a message a target author can act on: is it JSON at all; does every field have
        // the right type (named by its path, never by a .NET type); then the rules between fields and placeholders.
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new TargetFileException($"{source}: invalid target file: not valid JSON ({e.Message})", e);
        }

        TargetDescription? description;
        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Null)
            {
                throw new TargetFileException($"{source}: the target file is empty.");
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new TargetFileException($"{source}: invalid target file: the document must be a JSON object.");
            }

            if (TargetFileShape.FirstProblem(document.RootElement, typeof(TargetDescription)) is { } shape)
            {
                throw new TargetFileException($"{source}: {shape.Path}: {shape.Problem}");
            }

            try
            {
                description = document.Deserialize<TargetDescription>(Options);
            }
            catch (JsonException e)
            {
                // The shape check above should have said it better; the path still points at the field.
                throw new TargetFileException($"{source}: {e.Path?.TrimStart('$', '.') ?? "invalid target file"}: cannot be read here.", e);
            }
        }

        if (description is null)
        {
            throw new TargetFileException($"{source}: the target file is empty.");
        }

        Validate(description, source);
        return description;
    }

    private static readonly JsonSerializerOptions WriteOptions = new(Options) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Serialize(TargetDescription description) => JsonSerializer.Serialize(description, WriteOptions);

    private static bool IsRegex(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return false;
        }

        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Validate(TargetDescription d, string source)
    {
        void Require(bool condition, string field, string problem)
        {
            if (!condition)
            {
                throw new TargetFileException($"{source}: {field}: {problem}");
            }
        }

        Require(!string.IsNullOrWhiteSpace(d.Name), "name", "must not be empty");
        Require(d.Commands.Start is { Count: > 0 }, "commands.start", "must name a program to run");
        Require(d.Commands.Create is null || d.Commands.Create.Count > 0, "commands.create", "must be absent or name a program");
        Require(d.Commands.Stop is null || d.Commands.Stop.Count > 0, "commands.stop", "must be absent or name a program");
        Require(d.StartMode == StartMode.Foreground || d.Commands.Stop is not null, "commands.stop", "a detached target needs a stop command");
        Require(d.StartMode == StartMode.Foreground || d.Layout.PidFile is not null, "layout.pidFile", "a detached target needs a pid file so the kit can find its process tree");
        Require(d.Layout.WorkspaceDirectory.Contains("{home}", StringComparison.Ordinal), "layout.workspaceDirectory", "must lie under {home}, so the kit never touches a real home");
        Require(!string.IsNullOrWhiteSpace(d.Layout.Cookie), "layout.cookie", "must name the cookie file");
        Require(d.Layout.PortFile is null || !string.IsNullOrWhiteSpace(d.Layout.PortFile), "layout.portFile", "must be absent (the port is found among the workspace's listening sockets) or name the file holding the REPL port");
        Require(d.Protocol == WireProtocol.None || d.Canary is not null, "canary", "a target that speaks a protocol must give a canary expression with {path} and {token}");
        Require(d.Canary is null || (d.Canary.Contains("{path}", StringComparison.Ordinal) && d.Canary.Contains("{token}", StringComparison.Ordinal)), "canary", "must contain {path} and {token}");
        Require(d.ReadyTimeoutSeconds is null or (> 0 and <= 600), "readyTimeoutSeconds", "must be between 0 and 600");
        Require(d.PreAuthTimeoutSeconds is null or (> 0 and <= 300), "preAuthTimeoutSeconds", "must be between 0 and 300");
        Require(d.ResourceLimitSeconds is null or (> 0 and <= 600), "resourceLimitSeconds", "must be between 0 and 600");
        Require(d.Commands.StartOnAddress is null || d.Commands.StartOnAddress.Any(w => w.Contains("{bind}", StringComparison.Ordinal)), "commands.startOnAddress", "must contain {bind}");
        Require(d.Commands.StartWithTrustedCa is null || d.Commands.StartWithTrustedCa.Any(w => w.Contains("{ca}", StringComparison.Ordinal)), "commands.startWithTrustedCa", "must contain {ca}");
        Require(d.Container is null || d.Container.Include is { Count: > 0 }, "container.include", "must name at least one path to copy into the image");
        Require(d.Container is null || d.Container.Start.Any(w => w.Contains("{port}", StringComparison.Ordinal)), "container.start", "must contain {port}");
        Require(d.Container is null || IsRegex(d.Container.ReadyLog), "container.readyLog", "must be a valid regular expression");
        Require(d.Commands.StartOnAddressConfirmed is null || d.Commands.StartOnAddressConfirmed.Any(w => w.Contains("{bind}", StringComparison.Ordinal)), "commands.startOnAddressConfirmed", "must contain {bind}");
        if (PlaceholderScopes.FirstProblem(d) is { } placeholder)
        {
            throw new TargetFileException($"{source}: {placeholder.Field}: {placeholder.Problem}");
        }
    }
}
