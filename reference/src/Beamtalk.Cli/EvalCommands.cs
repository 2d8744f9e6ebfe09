using System.CommandLine;
using System.Text.Json.Nodes;
using Beamtalk.Workspace.Diagnostics;

namespace Beamtalk.Cli;

/// <summary><c>beamtalk eval</c> and <c>beamtalk repl</c>: clients of a running workspace.</summary>
internal static class EvalCommands
{
    private static Option<string?> WorkspaceOption() => new("--workspace", "-w")
    {
        Description = "Workspace name (default: $BEAMTALK_WORKSPACE, else derived from the current directory).",
    };

    public static Command Eval(CliContext context)
    {
        var code = new Argument<string>("code") { Description = "Beamtalk code to evaluate." };
        var workspace = WorkspaceOption();
        var command = new Command("eval", "Evaluate code in a running workspace and print the result.") { code, workspace };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await context.ConnectAsync(result.GetValue(workspace), cancellationToken);
            return await EvaluateAsync(context, client, result.GetValue(code)!, cancellationToken) ? 0 : 1;
        });
        return command;
    }

    public static Command Repl(CliContext context)
    {
        var workspace = WorkspaceOption();
        var command = new Command("repl", "Interactive session with a running workspace (one expression per line; :define starts class definitions ended by an empty line, :load FILE loads a file of them; :quit to leave).") { workspace };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await context.ConnectAsync(result.GetValue(workspace), cancellationToken);
            context.Out.WriteLine($"Connected (session {client.SessionId}). Type :quit to leave.");
            while (true)
            {
                context.Out.Write("bt> ");
                var line = context.In.ReadLine();
                if (line is null || line.Trim() == ":quit")
                {
                    return 0;
                }

                if (ClassSource(context, line.Trim()) is { } source)
                {
                    if (source.Length > 0)
                    {
                        await EvaluateAsync(context, client, source, cancellationToken, "load-source");
                    }
                }
                else if (line.Trim().Length > 0)
                {
                    await EvaluateAsync(context, client, line, cancellationToken);
                }
            }
        });
        return command;
    }

    // ":define" reads class definitions up to an empty line; ":load FILE" reads them from a file. Null for any other line.
    private static string? ClassSource(CliContext context, string line)
    {
        if (line == ":define")
        {
            var lines = new List<string>();
            while (context.In.ReadLine() is { } next && next.Trim().Length > 0)
            {
                lines.Add(next);
            }

            return string.Join("\n", lines);
        }

        if (!line.StartsWith(":load ", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return File.ReadAllText(line[6..].Trim());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{WorkspaceErrorCodes.EvalFailed}: cannot read {line[6..].Trim()}: {e.Message}");
            return string.Empty;
        }
    }

    private static async Task<bool> EvaluateAsync(CliContext context, WorkspaceClient client, string code, CancellationToken cancellationToken, string op = "eval")
    {
        var reply = await client.RequestAsync(
            op == "eval" ? new JsonObject { ["op"] = op, ["code"] = code } : new JsonObject { ["op"] = op, ["source"] = code },
            cancellationToken);
        if (reply["output"]?.GetValue<string>() is { Length: > 0 } output)
        {
            context.Out.Write(output);
            if (!output.EndsWith('\n'))
            {
                context.Out.WriteLine();
            }
        }

        if (reply["error"]?.GetValue<string>() is { } error)
        {
            context.Error.WriteLine($"{WorkspaceErrorCodes.EvalFailed}: {error}");
            return false;
        }

        context.Out.WriteLine(reply["value"]?.GetValue<string>() ?? "nil");
        return true;
    }
}
