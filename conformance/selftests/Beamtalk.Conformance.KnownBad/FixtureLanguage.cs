using System.Text.RegularExpressions;
using Beamtalk.Conformance.Wire.Protocol;
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
    public Reply Load(string source, Reply reply) => Complete(_session.LoadSource(source, CancellationToken.None), reply);

    /// <summary>Ends the actors of this connection's session (they otherwise outlive it, as the reference's do).</summary>
    public void StopActors() => _session.StopActors();

    /// <summary>Larger sources are refused before parsing: the fixture has no compiler process whose time it could cap.</summary>
    private const int MaxSourceLength = 1024 * 1024;

    public Reply Answer(string code, Reply reply)
    {
        if (code.Length > MaxSourceLength)
        {
            return reply.Failing($"compiler_limit: the source is longer than {MaxSourceLength} characters");
        }

        if (options.Has(Defect.FakesRunCommand) && code.Contains("System runCommand:", StringComparison.Ordinal))
        {
            return reply with { Value = "Result ok: \"\"" };
        }

        if (options.Has(Defect.FfiAllowlist) && (code.Contains("Erlang os ", StringComparison.Ordinal) || code.Contains("Erlang file ", StringComparison.Ordinal)))
        {
            return reply.Failing("undef: the module is not in the FFI allowlist");
        }

        if (options.Has(Defect.IgnoresHalt) && code.Contains("Erlang erlang halt:", StringComparison.Ordinal))
        {
            return reply with { Value = "nil" };
        }

        if (options.Has(Defect.SandboxesFilePaths) && code.Contains("File ", StringComparison.Ordinal)
            && SandboxedPath().Match(code) is { Success: true } refused)
        {
            return reply.Failing($"invalid_path: {refused.Value} is outside the working directory");
        }

        if (_http.Intercepts(code) is { } url)
        {
            return _http.Answer(url, reply);
        }

        return Complete(_session.Evaluate(code, CancellationToken.None), reply);
    }

    private Reply Complete(EvalResult result, Reply reply)
    {
        if (result.Output.Length > 0)
        {
            reply = reply with { Output = result.Output };
        }

        if (result.Error is { } error)
        {
            if (options.Has(Defect.ActorCrashTakesDownSession) && error.Kind == ErrorKinds.ActorCrashed)
            {
                _session.StopActors();
                _session = NewSession(options);
            }

            return reply.Failing(error.Message);
        }

        return reply with { Value = result.Value };
    }

    // The pre-ADR 0063 sandbox, read off the source: a string literal that is absolute or climbs with "..".
    [GeneratedRegex("\"(/[^\"]*|[^\"]*(?<![^/\"])\\.\\.(?=[/\"])[^\"]*)\"")]
    private static partial Regex SandboxedPath();
}
