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

    private static BindScope[] Scopes(RuleFamily family) =>
        family == RuleFamily.ListenWildcard ? [BindScope.Wildcard, BindScope.NonLoopback]
        : family == RuleFamily.ListenLoopback ? [BindScope.Loopback]
        : [BindScope.Unknown, BindScope.Conditional];

    [GeneratedRegex(@"(?i)multi[_-]?tenan|multi[_-]?user|tenant[_-]?id|shared[_-]?(?:cookie|workspace|secret|session)|sessions?[_-]?by[_-]?user|users?[_-]?sessions|sessions?[_-]?per[_-]?user|(?:/tmp|/etc|/var|/srv|/opt)/[^""'\s]*cookie|\.erlang\.cookie")]
    private static partial Regex Shared();
}
