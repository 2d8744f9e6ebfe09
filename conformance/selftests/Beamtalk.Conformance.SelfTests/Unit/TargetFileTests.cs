using System.Text.Json.Nodes;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.SelfTests.Unit;

public sealed class TargetFileTests
{
    private const string Source = "targets/sample.json";

    /// <summary>Only the required fields, as a foreground target without a protocol (so no canary is needed).</summary>
    private const string Minimal = """
        {
          "name": "minimal",
          "description": "only the required fields",
          "protocol": "none",
          "startMode": "foreground",
          "commands": { "start": ["my-workspace", "serve", "{workspace}"] },
          "layout": { "workspaceDirectory": "{home}/ws/{workspace}", "cookie": "cookie", "portFile": "port" }
        }
        """;

    /// <summary>The example of docs/target-file.md, with every field.</summary>
    private const string Full = """
        {
          "name": "upstream-beamtalk",
          "description": "beamtalk from PATH",
          "protocol": "beamtalk-ws-v1",
          "startMode": "detached",
          "commands": {
            "create": ["beamtalk", "workspace", "create", "{workspace}"],
            "start": ["beamtalk", "workspace", "start", "{workspace}"],
            "stop": ["beamtalk", "workspace", "stop", "{workspace}"],
            "exercise": [
              ["beamtalk", "workspace", "status", "{workspace}"],
              ["beamtalk", "eval", "--workspace", "{workspace}", "1 + 2"]
            ]
          },
          "layout": {
            "workspaceDirectory": "{home}/.beamtalk/workspaces/{workspace}",
            "cookie": "cookie",
            "portFile": "port",
            "pidFile": "node.info",
            "outputs": ["workspace.log", "metadata.json", "node.info", "port"]
          },
          "environment": { "BEAMTALK_HOME": "{home}/.beamtalk" },
          "canary": "File writeAll: \"{path}\" contents: \"{token}\"",
          "readyTimeoutSeconds": 30
        }
        """;

    private static JsonObject MinimalJson() => JsonNode.Parse(Minimal)!.AsObject();

    private static JsonObject Commands(JsonObject file) => file["commands"]!.AsObject();

    private static JsonObject Layout(JsonObject file) => file["layout"]!.AsObject();

    private static TargetFileException Refused(JsonObject file) =>
        Assert.Throws<TargetFileException>(() => TargetFile.Parse(file.ToJsonString(), Source));

    [Fact]
    public void A_file_with_only_the_required_fields_parses_with_defaults_for_the_rest()
    {
        var target = TargetFile.Parse(Minimal, Source);

        Assert.Equal("minimal", target.Name);
        Assert.Equal("only the required fields", target.Description);
        Assert.Equal(WireProtocol.None, target.Protocol);
        Assert.Equal(StartMode.Foreground, target.StartMode);
        Assert.Equal(["my-workspace", "serve", "{workspace}"], target.Commands.Start);
        Assert.Null(target.Commands.Create);
        Assert.Null(target.Commands.Stop);
        Assert.Null(target.Commands.Exercise);
        Assert.Equal("{home}/ws/{workspace}", target.Layout.WorkspaceDirectory);
        Assert.Null(target.Layout.PidFile);
        Assert.Null(target.Layout.Outputs);
        Assert.Null(target.Environment);
        Assert.Null(target.Canary);
        Assert.Null(target.BaseDirectory);
        Assert.Equal(TimeSpan.FromSeconds(30), target.ReadyTimeout);
    }

    [Fact]
    public void The_documented_example_with_every_field_parses()
    {
        var target = TargetFile.Parse(Full, Source);

        Assert.Equal(WireProtocol.BeamtalkWebSocketV1, target.Protocol);
        Assert.Equal(StartMode.Detached, target.StartMode);
        Assert.Equal(2, target.Commands.Exercise!.Count);
        Assert.Equal("node.info", target.Layout.PidFile);
        Assert.Equal(4, target.Layout.Outputs!.Count);
        Assert.Equal("{home}/.beamtalk", target.Environment!["BEAMTALK_HOME"]);
        Assert.Equal("File writeAll: \"{path}\" contents: \"{token}\"", target.Canary);
        Assert.Equal(TimeSpan.FromSeconds(30), target.ReadyTimeout);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_accepted()
    {
        const string text = """
            // A target file may explain itself.
            {
              "name": "commented", /* inline */
              "description": "with comments",
              "protocol": "none",
              "startMode": "foreground",
              "commands": { "start": ["ws",], },
              "layout": {
                "workspaceDirectory": "{home}/ws", // must lie under {home}
                "cookie": "cookie",
                "portFile": "port",
              },
            }
            """;

        Assert.Equal("commented", TargetFile.Parse(text, Source).Name);
    }

    /// <summary>Each rule of TargetFile.Validate: how to break a valid file, and the field the message must name.</summary>
    private static readonly Dictionary<string, (string Field, Action<JsonObject> Break)> Violations = new(StringComparer.Ordinal)
    {
        ["empty name"] = ("name", f => f["name"] = ""),
        ["blank name"] = ("name", f => f["name"] = "   "),
        ["no start program"] = ("commands.start", f => Commands(f)["start"] = new JsonArray()),
        ["empty create command"] = ("commands.create", f => Commands(f)["create"] = new JsonArray()),
        ["empty stop command"] = ("commands.stop", f => Commands(f)["stop"] = new JsonArray()),
        ["detached without a stop command"] = ("commands.stop", f =>
        {
            f["startMode"] = "detached";
            Layout(f)["pidFile"] = "pid";
        }),
        ["detached without a pid file"] = ("layout.pidFile", f =>
        {
            f["startMode"] = "detached";
            Commands(f)["stop"] = new JsonArray("ws", "stop");
        }),
        ["workspace folder outside {home}"] = ("layout.workspaceDirectory", f => Layout(f)["workspaceDirectory"] = "/tmp/ws"),
        ["workspace folder under a misspelt {Home}"] = ("layout.workspaceDirectory", f => Layout(f)["workspaceDirectory"] = "{Home}/ws"),
        ["empty cookie"] = ("layout.cookie", f => Layout(f)["cookie"] = ""),
        ["blank cookie"] = ("layout.cookie", f => Layout(f)["cookie"] = " "),
        ["empty port file"] = ("layout.portFile", f => Layout(f)["portFile"] = ""),
        ["a protocol without a canary"] = ("canary", f => f["protocol"] = "beamtalk-ws-v1"),
        ["a canary without {token}"] = ("canary", f => f["canary"] = "write {path}"),
        ["a canary without {path}"] = ("canary", f => f["canary"] = "print {token}"),
        ["a protocol with a canary without placeholders"] = ("canary", f =>
        {
            f["protocol"] = "beamtalk-ws-v1";
            f["canary"] = "1 + 2";
        }),
        ["a zero ready timeout"] = ("readyTimeoutSeconds", f => f["readyTimeoutSeconds"] = 0),
        ["a negative ready timeout"] = ("readyTimeoutSeconds", f => f["readyTimeoutSeconds"] = -5),
        ["a ready timeout over 600 s"] = ("readyTimeoutSeconds", f => f["readyTimeoutSeconds"] = 600.5),
        ["a trusted-CA start without {ca}"] = ("commands.startWithTrustedCa", f => Commands(f)["startWithTrustedCa"] = new JsonArray("ws", "--trust-ca", "ca.pem")),
    };

    public static TheoryData<string> ViolationNames => [.. Violations.Keys];

    [Theory, MemberData(nameof(ViolationNames))]
    public void Each_validation_rule_names_the_source_and_the_field(string violation)
    {
        var (field, breakIt) = Violations[violation];
        var file = MinimalJson();
        breakIt(file);

        var error = Refused(file);

        Assert.StartsWith($"{Source}: {field}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(600)]
    [InlineData(0.5)]
    [InlineData(1)]
    public void A_ready_timeout_within_the_limits_is_accepted(double seconds)
    {
        var file = MinimalJson();
        file["readyTimeoutSeconds"] = seconds;

        Assert.Equal(TimeSpan.FromSeconds(seconds), TargetFile.Parse(file.ToJsonString(), Source).ReadyTimeout);
    }

    [Fact]
    public void A_detached_target_with_a_stop_command_and_a_pid_file_is_accepted()
    {
        var file = MinimalJson();
        file["startMode"] = "detached";
        Commands(file)["stop"] = new JsonArray("ws", "stop");
        Layout(file)["pidFile"] = "pid";

        Assert.Equal(StartMode.Detached, TargetFile.Parse(file.ToJsonString(), Source).StartMode);
    }

    [Theory]
    [InlineData("nmae", null)]
    [InlineData("timeout", null)]
    [InlineData("pidfile", "layout")]
    [InlineData("Start", "commands")]
    [InlineData("stopCommand", "commands")]
    public void An_unknown_field_is_rejected_by_name(string field, string? under)
    {
        var file = MinimalJson();
        (under is null ? file : file[under]!.AsObject())[field] = "x";

        var error = Refused(file);

        Assert.StartsWith($"{Source}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("description", null)]
    [InlineData("protocol", null)]
    [InlineData("startMode", null)]
    [InlineData("commands", null)]
    [InlineData("layout", null)]
    [InlineData("start", "commands")]
    [InlineData("cookie", "layout")]
    [InlineData("workspaceDirectory", "layout")]
    public void A_missing_required_field_is_rejected_by_name(string field, string? under)
    {
        var file = MinimalJson();
        (under is null ? file : file[under]!.AsObject()).Remove(field);

        var error = Refused(file);

        Assert.StartsWith($"{Source}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("commands")]
    [InlineData("layout")]
    public void A_null_required_field_is_rejected_by_name(string field)
    {
        var file = MinimalJson();
        file[field] = null;

        var error = Refused(file);

        Assert.StartsWith($"{Source}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("protocol", "http", "\"beamtalk-ws-v1\", \"none\"")]
    [InlineData("startMode", "daemon", "\"detached\", \"foreground\"")]
    public void An_unknown_enumeration_value_is_rejected_with_the_values_it_may_take(string field, string value, string allowed)
    {
        var file = MinimalJson();
        file[field] = value;

        var error = Refused(file);

        Assert.Equal($"{Source}: {field}: must be one of {allowed}, found the string \"{value}\"", error.Message);
    }

    /// <summary>
    /// One wrong JSON type per shape a field can have (string, number, true/false, enumeration, object, array,
    /// array of arrays, object of strings): the message names the field's path and says what it must be, in JSON's
    /// words, never the serializer's .NET type names.
    /// </summary>
    private static readonly Dictionary<string, (string Path, string Problem, Action<JsonObject> Break)> WrongTypes = new(StringComparer.Ordinal)
    {
        ["a string field given a number"] = ("name", "must be a string, found the number 42", f => f["name"] = 42),
        ["a number field given a string"] = ("readyTimeoutSeconds", "must be a number, found the string \"30\"", f => f["readyTimeoutSeconds"] = "30"),
        ["a true/false field given a string"] = ("rotationEndsSessions", "must be true or false, found the string \"yes\"", f => f["rotationEndsSessions"] = "yes"),
        ["an enumeration given a number"] = ("startMode", "must be one of \"detached\", \"foreground\", found the number 1", f => f["startMode"] = 1),
        ["an object given a string"] = ("layout", "must be an object, found the string \"port\"", f => f["layout"] = "port"),
        ["a nested object given an array"] = ("container", "must be an object, found an array", f => f["container"] = new JsonArray()),
        ["an array given a string"] = ("commands.start", "must be an array of strings, found the string \"ws serve\"", f => Commands(f)["start"] = "ws serve"),
        ["an array element of the wrong type"] = ("commands.start[1]", "must be a string, found the number 7", f => Commands(f)["start"] = new JsonArray("ws", 7)),
        ["an array of arrays given an array of strings"] = ("commands.exercise[0]", "must be an array of strings, found the string \"ws status\"", f => Commands(f)["exercise"] = new JsonArray("ws status")),
        ["an object of strings given a number value"] = ("environment.PORT", "must be a string, found the number 8080", f => f["environment"] = new JsonObject { ["PORT"] = 8080 }),
        ["a nested string field given an object"] = ("layout.portFile", "must be a string, found an object", f => Layout(f)["portFile"] = new JsonObject()),
        ["a required nested field given null"] = ("layout.cookie", "must be a string, found null", f => Layout(f)["cookie"] = null),
    };

    public static TheoryData<string> WrongTypeNames => [.. WrongTypes.Keys];

    [Theory, MemberData(nameof(WrongTypeNames))]
    public void A_wrong_json_type_names_the_path_and_what_it_must_be_in_plain_words(string shape)
    {
        var (path, problem, breakIt) = WrongTypes[shape];
        var file = MinimalJson();
        breakIt(file);

        var error = Refused(file);

        Assert.Equal($"{Source}: {path}: {problem}", error.Message);
        Assert.DoesNotMatch(@"Beamtalk\.|System\.|Target(Layout|Commands|Description)|IReadOnly|Nullable|Double|Boolean", error.Message);
    }

    [Fact]
    public void A_missing_nested_field_is_named_by_its_path()
    {
        var file = MinimalJson();
        Layout(file).Remove("cookie");

        Assert.Equal($"{Source}: layout.cookie: is required but missing", Refused(file).Message);
    }

    [Fact]
    public void Without_a_port_file_the_port_is_left_to_discovery()
    {
        var file = MinimalJson();
        Layout(file).Remove("portFile");

        Assert.Null(TargetFile.Parse(file.ToJsonString(), Source).Layout.PortFile);
    }

    [Fact]
    public void An_unknown_nested_field_is_named_by_its_path_with_the_fields_that_exist()
    {
        var file = MinimalJson();
        Layout(file)["portFiel"] = "port";

        var error = Refused(file);

        Assert.StartsWith($"{Source}: layout.portFiel: unknown field 'portFiel'; the fields here are workspaceDirectory, cookie, portFile, ", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Each field that expands placeholders, with one it does not know: refused at load, naming the field and the placeholder.</summary>
    [Theory]
    [InlineData("layout", "portFile", "port-{pid}", "{pid}")]
    [InlineData("layout", "cookie", "{workspaceDir}/../{runtime}/cookie", "{runtime}")]
    [InlineData("layout", "pidFile", "{pid}.pid", "{pid}")]
    [InlineData("layout", "workspaceDirectory", "{home}/{workspaceDir}", "{workspaceDir}")]
    [InlineData("commands", "start", "--port={port}", "{port}")]
    [InlineData("commands", "create", "--bind={bind}", "{bind}")]
    [InlineData("commands", "stop", "{workspace_dir}", "{workspace_dir}")]
    [InlineData("commands", "rotate", "--ca={ca}", "{ca}")]
    public void An_unknown_placeholder_is_refused_at_load_time_naming_the_field(string section, string field, string word, string placeholder)
    {
        var file = MinimalJson();
        var value = section == "commands" ? (JsonNode)new JsonArray("ws", word) : word;
        file[section]![field] = value;

        var error = Refused(file);

        Assert.StartsWith($"{Source}: {section}.{field}: \"{word}\" uses the unknown placeholder {placeholder}; this field knows {{home}}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outputs", "layout.outputs")]
    [InlineData("exercise", "commands.exercise[1]")]
    [InlineData("environment", "environment.WS_LOG")]
    public void An_unknown_placeholder_inside_a_list_or_map_names_the_entry(string field, string path)
    {
        var file = MinimalJson();
        switch (field)
        {
            case "outputs":
                Layout(file)["outputs"] = new JsonArray("log", "log.{pid}");
                break;
            case "exercise":
                Commands(file)["exercise"] = new JsonArray(new JsonArray("ws", "status"), new JsonArray("ws", "{pid}"));
                break;
            default:
                file["environment"] = new JsonObject { ["WS_HOME"] = "{home}", ["WS_LOG"] = "{home}/{pid}.log" };
                break;
        }

        Assert.StartsWith($"{Source}: {path}: ", Refused(file).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unset_environment_variable_is_refused_at_load_time()
    {
        var name = $"CONFORMANCE_UNIT_UNSET_{Guid.NewGuid():N}";
        var file = MinimalJson();
        Commands(file)["start"] = new JsonArray($"{{env:{name}}}/bin/ws");

        var error = Refused(file);

        Assert.StartsWith($"{Source}: commands.start: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"the environment variable {name} is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_a_field_knows_are_accepted_and_code_fields_are_left_alone()
    {
        var file = MinimalJson();
        Layout(file)["portFile"] = "{workspaceDir}/run/{workspace}.port";
        Layout(file)["pidFile"] = "{home}/pid";
        Commands(file)["startOnAddress"] = new JsonArray("ws", "--bind", "{bind}", "{targetDir}/x");
        file["protocol"] = "beamtalk-ws-v1";
        // The canary is code in the target's language, where braces are syntax: only {path} and {token} are the kit's.
        file["canary"] = "[:x | {x}] value: (File writeAll: \"{path}\" contents: \"{token}\")";

        var target = TargetFile.Parse(file.ToJsonString(), Source);

        Assert.Equal("{workspaceDir}/run/{workspace}.port", target.Layout.PortFile);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{ \"name\": \"x\" } trailing")]
    public void Text_that_is_not_a_target_file_is_rejected_naming_the_source(string text)
    {
        var error = Assert.Throws<TargetFileException>(() => TargetFile.Parse(text, Source));

        Assert.StartsWith($"{Source}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_document_is_reported_as_empty()
    {
        var error = Assert.Throws<TargetFileException>(() => TargetFile.Parse("null", Source));

        Assert.Equal($"{Source}: the target file is empty.", error.Message);
    }

    [Fact]
    public void The_built_in_reference_target_survives_serialization_and_validation()
    {
        var reference = ReferenceTarget.Describe("/opt/beamtalk/beamtalk");

        var parsed = TargetFile.Parse(TargetFile.Serialize(reference), Source);

        Assert.Equal(TargetFile.Serialize(reference), TargetFile.Serialize(parsed));
        Assert.Equal(reference.Commands.Start, parsed.Commands.Start);
        Assert.Equal(reference.Protocol, parsed.Protocol);
        Assert.Equal(reference.StartMode, parsed.StartMode);
    }

    [Fact]
    public void Load_remembers_the_folder_of_the_file_for_targetDir()
    {
        var folder = Directory.CreateTempSubdirectory("target-file-test-");
        try
        {
            var path = Path.Combine(folder.FullName, "target.json");
            File.WriteAllText(path, Minimal);

            Assert.Equal(folder.FullName, TargetFile.Load(path).BaseDirectory);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_of_a_missing_file_names_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-target-{Guid.NewGuid():N}.json");

        var error = Assert.Throws<TargetFileException>(() => TargetFile.Load(path));

        Assert.StartsWith($"{path}: cannot read the target file", error.Message, StringComparison.Ordinal);
    }
}
