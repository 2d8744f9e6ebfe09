using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Beamtalk.Language;

namespace Beamtalk.Conformance.KnownBad;

/// <summary>
/// What an authenticated fixture connection evaluates with: the reference's own language, so the sound fixture
/// answers the language checks the way a correct workspace does, and each language defect is one change around it.
/// </summary>
internal sealed partial class FixtureLanguage(FixtureOptions options)
{
    private Session _session = NewSession(options);

    private static Session NewSession(FixtureOptions options) => new(new SessionOptions
    {
        SubprocessesAllowed = !options.NoSubprocess || options.Has(Defect.IgnoresNoSubprocess),
        RestartCrashedActors = !options.Has(Defect.NoActorRestart),
        HttpTestRoots = FixtureHttp.LoadRoots(options.TrustCa),
    });

    private readonly FixtureHttp _http = new(options);

    /// <summary>The <c>load-source</c> op: class definitions, as the reference defines them.</summary>
    public void Load(string source, JsonObject reply) => Complete(_session.LoadSource(source, CancellationToken.None), reply);

    /// <summary>Ends the actors of this connection's session (they otherwise outlive it, as the reference's do).</summary>
    public void StopActors() => _session.StopActors();

    /// <summary>Larger sources are refused before parsing: the fixture has no compiler process whose time it could cap.</summary>
    private const int MaxSourceLength = 1024 * 1024;

    public void Answer(string code, JsonObject reply)
    {
        if (code.Length > MaxSourceLength)
        {
            Fail(reply, $"compiler_limit: the source is longer than {MaxSourceLength} characters");
            return;
        }

        if (options.Has(Defect.FakesRunCommand) && code.Contains("System runCommand:", StringComparison.Ordinal))
        {
            reply["value"] = "Result ok: \"\"";
            return;
        }

        if (options.Has(Defect.FfiAllowlist) && (code.Contains("Erlang os ", StringComparison.Ordinal) || code.Contains("Erlang file ", StringComparison.Ordinal)))
        {
            Fail(reply, "undef: the module is not in the FFI allowlist");
            return;
        }

        if (options.Has(Defect.IgnoresHalt) && code.Contains("Erlang erlang halt:", StringComparison.Ordinal))
        {
            reply["value"] = "nil";
            return;
        }

        if (options.Has(Defect.SandboxesFilePaths) && code.Contains("File ", StringComparison.Ordinal)
            && SandboxedPath().Match(code) is { Success: true } refused)
        {
            Fail(reply, $"invalid_path: {refused.Value} is outside the working directory");
            return;
        }

        if (_http.Intercepts(code) is { } url)
        {
            _http.Answer(url, reply);
            return;
        }

        Complete(_session.Evaluate(code, CancellationToken.None), reply);
    }

    private void Complete(EvalResult result, JsonObject reply)
    {
        if (result.Output.Length > 0)
        {
            reply["output"] = result.Output;
        }

        if (result.Error is { } error)
        {
            Fail(reply, error.Message);
            if (options.Has(Defect.ActorCrashTakesDownSession) && error.Kind == ErrorKinds.ActorCrashed)
            {
                _session.StopActors();
                _session = NewSession(options);
            }
        }
        else
        {
            reply["value"] = result.Value;
        }
    }

    internal static void Fail(JsonObject reply, string message)
    {
        reply["status"] = new JsonArray("done", "error");
        reply["error"] = message;
    }

    // The pre-ADR 0063 sandbox, read off the source: a string literal that is absolute or climbs with "..".
    [GeneratedRegex("\"(/[^\"]*|[^\"]*(?<![^/\"])\\.\\.(?=[/\"])[^\"]*)\"")]
    private static partial Regex SandboxedPath();
}
