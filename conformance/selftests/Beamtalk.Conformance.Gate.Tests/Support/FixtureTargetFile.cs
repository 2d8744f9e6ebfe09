using System.Text.Json;

namespace Beamtalk.Conformance.Gate.Tests.Support;

/// <summary>A target file for the known-bad workspace, as an implementation's CI would write one.</summary>
internal static class FixtureTargetFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <param name="defects">Defect names of the known-bad workspace, or none for the sound fixture.</param>
    public static string Write(TempDirectory directory, string name, params string[] defects)
    {
        var program = Repository.KnownBadWorkspace;
        var list = defects.Length == 0 ? "none" : string.Join(',', defects);
        var target = new
        {
            name = $"known-bad:{list}",
            description = $"The self-tests' deliberately broken workspace with defects: {list}.",
            protocol = "beamtalk-ws-v1",
            startMode = "foreground",
            commands = new
            {
                start = new[] { program, "{workspaceDir}", list, "--preauth-timeout", "2" },
                startOnAddress = new[] { program, "{workspaceDir}", list, "--bind", "{bind}" },
                startOnAddressConfirmed = new[] { program, "{workspaceDir}", list, "--bind", "{bind}", "--confirm-network" },
            },
            layout = new
            {
                workspaceDirectory = "{home}/workspaces/{workspace}",
                cookie = "cookie",
                portFile = "port",
                outputs = new[] { "fixture.log" },
            },
            canary = "File writeAll: \"{path}\" contents: \"{token}\"",
            readyTimeoutSeconds = 30,
            preAuthTimeoutSeconds = 2,
        };
        return directory.Write(name, JsonSerializer.Serialize(target, Indented));
    }
}
