using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Analysis;
using Beamtalk.Conformance.Principles.Rules;
using Beamtalk.Conformance.Principles.Source;

namespace Beamtalk.Conformance.Principles.Packs;

/// <summary>Rule shapes every pack builds the same way.</summary>
internal static partial class PackRules
{
    /// <summary>Multi-tenant session maps and shared cookies, spelled alike in every language.</summary>
    public static Regex SharedWorkspacePattern => Shared();

    /// <summary>One of the three listener rules: each reports the listeners whose default lands in its scope.</summary>
    public static Rule Listener(Language language, RuleFamily family, Regex listenCall, Regex? impliedWildcard) =>
        new(language, family, (file, change) => ListenerDetector.Find(file, change, listenCall, impliedWildcard)
            .Where(l => Scopes(family).Contains(l.Scope))
            .Select(l => new Hit(l.LineIndex, l.Evidence, l.Related)));

    /// <summary>The three listener rules, the same for every language but the spelling of a listen call.</summary>
    public static IEnumerable<Rule> Listeners(Language language, Regex listenCall, Regex? impliedWildcard) =>
    [
        Listener(language, RuleFamily.ListenWildcard, listenCall, impliedWildcard),
        Listener(language, RuleFamily.ListenLoopback, listenCall, impliedWildcard),
        Listener(language, RuleFamily.ListenUnresolved, listenCall, impliedWildcard),
    ];

    /// <summary>The shared-workspace rule: multi-tenant sessions and shared cookies, in code.</summary>
    public static Rule SharedWorkspace(Language language) =>
        new(language, RuleFamily.SharedWorkspace, (f, _) => Detectors.Lines(f, SharedWorkspacePattern, inCode: true));

    /// <summary>
    /// The guard rule: Origin and Host header checks, XSRF checks, handshake and pre-authentication timeouts and
    /// the no-subprocess switch, spelled alike across languages (configuration names and header strings). Read in
    /// code with strings, since a header name is a string.
    /// </summary>
    public static Rule Guard(Language language) =>
        new(language, RuleFamily.Guard, (f, _) => Detectors.Lines(f, GuardPattern(), inCode: true));

    /// <summary>
    /// The catch-all rule within its noise budget: a violation only where it can swallow an authentication or
    /// isolation failure (a handshake, auth or cookie check, an accept loop, a supervisor or init path, by the
    /// enclosing code or the file's name); elsewhere, and in cleanup (terminate, close, stop) or where a comment
    /// says the swallow is deliberate, a note.
    /// </summary>
    public static Rule CatchAll(Language language, Func<SourceFile, IEnumerable<Hit>> detect) =>
        new(language, RuleFamily.CatchAllSwallow, (f, _) => detect(f).Select(hit => AtBoundary(f, hit.LineIndex) ? hit : hit with { Level = FindingLevel.Note }));

    private static bool AtBoundary(SourceFile file, int index)
    {
        // The enclosing function, as far as the hunk shows it: its name, the comment above it, and its body up to the catch.
        var above = file.Window(index, 15, 0).ToList();
        var head = above.FindLastIndex(l => FunctionHead().IsMatch(l.Code));
        var body = head < 0 ? above : above[head..];
        if (head >= 0 && Cleanup().IsMatch(FunctionHead().Match(above[head].Code).Groups["name"].Value))
        {
            return false;
        }

        var commented = head < 0 ? file.Window(index, 2, 1) : above[Math.Max(0, head - 2)..].Concat(file.Window(index, 0, 1));
        if (commented.Any(l => Deliberate().IsMatch(l.Comment)))
        {
            return false;
        }

        return Boundary().IsMatch(file.Path) || body.Concat(file.Window(index, 0, 2)).Any(l => Boundary().IsMatch(l.Code));
    }

    /// <summary>Every standard rule for a language, from its spellings.</summary>
    public static IEnumerable<Rule> Standard(Language l, PackSpelling s)
    {
        foreach (var listener in Listeners(l, s.Listen, s.ImpliedWildcard))
        {
            yield return listener;
        }

        yield return new Rule(l, RuleFamily.SecretToOutput, (f, _) => Detectors.SecretFlow(f, s.Output));
        yield return new Rule(l, RuleFamily.SecretToException, (f, _) => Detectors.SecretFlow(f, s.Exception));
        yield return new Rule(l, RuleFamily.SecretToArgv, (f, _) => Detectors.SecretFlow(f, s.Argv));
        yield return new Rule(l, RuleFamily.SecretToEnvironment, (f, _) => Detectors.SecretFlow(f, s.Environment));
        yield return new Rule(l, RuleFamily.SecretFileBroad, (f, c) => SecretFileDetector.Broad(f, c, s.Files));
        yield return new Rule(l, RuleFamily.SecretFileOwnerOnly, (f, c) => SecretFileDetector.OwnerOnly(f, c, s.Files));
        yield return new Rule(l, RuleFamily.CompareVariableTime, (f, _) => Detectors.VariableTimeCompare(f, s.EqualityOperator, s.EqualityMethod, s.FixedTime)
            .Concat(s.MatchCompare?.Invoke(f) ?? []));
        yield return new Rule(l, RuleFamily.CompareLengthFirst, (f, _) => Detectors.LengthBeforeFixedTime(f, s.LengthCompare, s.FixedTime));
        yield return new Rule(l, RuleFamily.CompareFixedTime, (f, _) => Detectors.FixedTimeCompare(f, s.FixedTime, s.LengthCompare));
        yield return new Rule(l, RuleFamily.SpawnOrConnect, (f, _) => Detectors.Lines(f, s.SpawnOrClient));
        yield return new Rule(l, RuleFamily.TlsVerificationOff, (f, _) => Detectors.Lines(f, s.TlsOff));
        yield return new Rule(l, RuleFamily.ForeignCodeOrFiles, (f, _) => Detectors.Lines(f, s.ForeignOrFile, inCode: s.ForeignOrFileInCodeOnly));
        yield return new Rule(l, RuleFamily.WorkerUnsupervised, (f, _) => Detectors.Lines(f, s.Worker, s.WorkerSupervised));
        yield return CatchAll(l, s.CatchAllSwallow);
        yield return SharedWorkspace(l);
        yield return Guard(l);
    }

    private static BindScope[] Scopes(RuleFamily family) =>
        family == RuleFamily.ListenWildcard ? [BindScope.Wildcard, BindScope.NonLoopback]
        : family == RuleFamily.ListenLoopback ? [BindScope.Loopback]
        : [BindScope.Unknown, BindScope.Conditional];

    [GeneratedRegex(@"(?i)\bcheck_?origin\w*|\ballow(?:ed)?_?origins?(?:_pat)?\b|\ballow_remote_access\b|x-forwarded-host|\bcheck_?host\w*|\ballowed_?hosts\b|\bcheck_?xsrf\w*|\bxsrf_?cookie\w*|\bcsrf_?(?:protect|check|verif)\w*|\bvalidate_?origin\w*|\bsame_?origin\b|[""']origin[""']|<<""(?:origin|host)"">>|headers?\W{1,6}[""']host[""']|Headers\.(?:Origin|Host)\b|header::(?:ORIGIN|HOST)\b|HeaderNames\.(?:Origin|Host)\b|\b(?:pre_?auth|auth|handshake)_?timeout\b|no[_-]subprocess")]
    private static partial Regex GuardPattern();

    [GeneratedRegex(@"(?i)auth|handshake|cookie|token|login|credential|passw|verify|accept|supervis|websocket_init|\binit\s*\(|start_link|session")]
    private static partial Regex Boundary();

    // def name, fn name, defp name, Erlang name(...) ->, C#/Java void Name(: the nearest head above the catch.
    [GeneratedRegex(@"(?:^|\s)(?:def|defp|fn|func|function|void|Task|async\s+Task|bool|int)\s+(?<name>\w+)\s*\(|^(?<name>[a-z]\w*)\s*\(.*\)\s*(?:when\b.*)?->")]
    private static partial Regex FunctionHead();

    [GeneratedRegex(@"(?i)^(?:terminate|close|stop|shutdown|cleanup|clean_up|dispose|Dispose|teardown|tear_down|__del__|__exit__|remove\w*|delete\w*|rm\w*|unlink\w*|flush\w*)$")]
    private static partial Regex Cleanup();

    [GeneratedRegex(@"(?i)intentional|deliberate|best[- ]effort|on purpose|ignore[sd]?\b|not an error|may (?:fail|not exist)|already (?:gone|closed|dead)")]
    private static partial Regex Deliberate();

    [GeneratedRegex(@"(?i)multi[_-]?tenan|multi[_-]?user|tenant[_-]?id|shared[_-]?(?:cookie|workspace|secret|session)|sessions?[_-]?by[_-]?user|users?[_-]?sessions|sessions?[_-]?per[_-]?user|(?:/tmp|/etc|/var|/srv|/opt)/[^""'\s]*cookie|\.erlang\.cookie")]
    private static partial Regex Shared();
}
