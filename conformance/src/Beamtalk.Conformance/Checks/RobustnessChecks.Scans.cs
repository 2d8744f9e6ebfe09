using System.Text.RegularExpressions;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Checks;

/// <summary>Where a marked token or a crash trace shows up after the inputs: transcripts, replies, workspace files, command output.</summary>
public static partial class RobustnessChecks
{
    /// <summary>Where <paramref name="token"/> appears, or null: this connection's transcript, the session's new replies, any file of the workspace, any command output.</summary>
    private static string? Echo(string token, WorkspaceInstance instance, IReadOnlyList<string> transcript, IReadOnlyList<string> sessionReplies)
    {
        static bool Has(string text, string token) => text.Contains(token, StringComparison.OrdinalIgnoreCase);
        if (transcript.Count > 0 && Has(transcript[0], token))
        {
            return "the server's upgrade response";
        }

        if (transcript.Skip(1).Any(t => Has(t, token)))
        {
            return "a frame or close reason the server sent on the same connection";
        }

        if (sessionReplies.Any(t => Has(t, token)))
        {
            return "a message on the authenticated session";
        }

        foreach (var (path, text) in LeakScanner.Files(instance.FilesBesidesCookie()))
        {
            if (text.IndexOf(token, StringComparison.OrdinalIgnoreCase) is var at and >= 0)
            {
                return $"{path} line {1 + text.AsSpan(0, at).Count('\n')}";
            }
        }

        foreach (var run in instance.Commands)
        {
            if (Has(run.StandardOutput, token) || Has(run.StandardError, token))
            {
                return $"the output of {run.Describe()}";
            }
        }

        return null;
    }

    /// <summary>A crash trace in any file of the workspace or any command output, named by place, or null.</summary>
    private static string? CrashTrace(WorkspaceInstance instance)
    {
        foreach (var (path, text) in LeakScanner.Files(instance.FilesBesidesCookie()))
        {
            if (CrashPattern().Match(text) is { Success: true } match)
            {
                return $"{path} line {1 + text.AsSpan(0, match.Index).Count('\n')} holds a crash trace ('{match.Value.Trim()}')";
            }
        }

        foreach (var run in instance.Commands)
        {
            foreach (var (stream, text) in new[] { ("stdout", run.StandardOutput), ("stderr", run.StandardError) })
            {
                if (CrashPattern().Match(text) is { Success: true } match)
                {
                    return $"the {stream} of {run.Describe()} holds a crash trace ('{match.Value.Trim()}')";
                }
            }
        }

        return null;
    }

    /// <summary>What .NET, the JVM and most runtimes print when something crashed: the unhandled-exception banner, stack frame lines, "SomethingException:".</summary>
    [GeneratedRegex(@"Unhandled exception|^\s+at \S+\(|\w*Exception: ", RegexOptions.Multiline)]
    private static partial Regex CrashPattern();
}
