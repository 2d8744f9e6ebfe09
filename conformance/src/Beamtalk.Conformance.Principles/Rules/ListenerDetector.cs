using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Analysis;

namespace Beamtalk.Conformance.Principles.Rules;

/// <summary>A listener the change adds or changes, and what it binds by default.</summary>
public sealed record Listener(int LineIndex, BindScope Scope, string Evidence, IReadOnlyList<Location> Related);

/// <summary>
/// Finds listen calls and settles their default address: a literal in the call, the language's own default
/// when the call gives none (gen_tcp, nc, socat), or the definition of the setting the call reads, anywhere
/// in the change. Also reports added definitions of bind settings whose value is a wildcard.
/// </summary>
public static partial class ListenerDetector
{
    public static IReadOnlyList<Listener> Find(SourceFile file, ChangeSet change, Regex listenCall, Regex? impliedWildcard)
    {
        var found = new List<Listener>();
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            if (!line.IsChanged)
            {
                continue;
            }

            if (listenCall.Match(line.Skeleton) is { Success: true } call)
            {
                found.Add(Settle(file, change, i, call, impliedWildcard));
            }
            else if (WildcardSetting(file, i) is { } setting)
            {
                found.Add(setting);
            }
        }

        // A wildcard setting that a listener in the change reads is reported once, at the listener.
        var explained = found.SelectMany(l => l.Related).ToHashSet();
        return found.Where(l => !(l.Related.Count == 0 && explained.Contains(file.At(file.Lines[l.LineIndex])) && !listenCall.IsMatch(file.Lines[l.LineIndex].Skeleton))).ToList();
    }

    private static Listener Settle(SourceFile file, ChangeSet change, int index, Match call, Regex? impliedWildcard)
    {
        var statement = file.Statement(index, skeleton: false);
        var fromCall = statement[Math.Min(call.Index, statement.Length)..];
        var (scope, literal) = AddressClassifier.Classify(fromCall);
        var head = Detectors.Quote(call.Value);
        if (scope != BindScope.Unknown)
        {
            return new Listener(index, scope, $"{head} binds `{literal}`", []);
        }

        if (impliedWildcard?.IsMatch(fromCall) == true)
        {
            return new Listener(index, BindScope.Wildcard, $"{head} gives no address, and its default is every interface", []);
        }

        var skeleton = file.Statement(index)[Math.Min(call.Index, file.Statement(index).Length)..];
        var names = Identifier().Matches(skeleton[Math.Min(call.Length, skeleton.Length)..])
            .Select(m => m.Value)
            .Distinct()
            .OrderByDescending(n => AddressLike().IsMatch(n))
            .ToList();
        foreach (var name in names)
        {
            var definitions = change.DefinitionsOf(name)
                .Where(d => file.IsTestCode || !change.IsTestCode(d.Where.Path))
                .ToList();
            if (definitions.Count == 0)
            {
                continue;
            }

            var worst = definitions.OrderByDescending(d => Severity(d.Scope)).First();
            var evidence = $"{head} reads `{name}`, whose value is `{worst.Literal}` at {worst.Where}";
            return new Listener(index, worst.Scope, evidence, definitions.Select(d => d.Where).ToList());
        }

        // Options built over several lines just above the call (TransportOpts = [{port, P}, {ip, {127,0,0,1}}]):
        // the nearest address setting in the same hunk is the one the call reads.
        if (file.Window(index, AddressAbove, 0).Reverse().Skip(1)
                .Select(l => (Line: l, Setting: AddressOption().Match(l.Code)))
                .Where(p => p.Setting.Success)
                .Select(p => (p.Line, Address: AddressClassifier.Classify(p.Setting.Value)))
                .FirstOrDefault(p => p.Address.Scope != BindScope.Unknown) is { Line: not null } above)
        {
            return new Listener(index, above.Address.Scope, $"{head} reads options set at line {above.Line.Number}, which bind `{above.Address.Literal}`", [file.At(above.Line)]);
        }

        return new Listener(index, BindScope.Unknown, $"{head}: the address it binds by default is not in the diff", []);
    }

    /// <summary>An added setting named like a bind address (bind, host, listen address) whose value is a wildcard.</summary>
    private static Listener? WildcardSetting(SourceFile file, int index)
    {
        var line = file.Lines[index];
        var match = Setting().Match(line.Code);
        var name = match.Groups["name"];
        // The setting's name must be code, not words in a string (a help text that shows `c.App.ip='192.168.1.101'`).
        if (!match.Success || !AddressLike().IsMatch(name.Value)
            || line.Skeleton.Length < name.Index + name.Length || line.Skeleton.Substring(name.Index, name.Length) != name.Value)
        {
            return null;
        }

        var (scope, literal) = AddressClassifier.Classify(match.Groups["value"].Value);
        return AddressClassifier.IsExposed(scope)
            ? new Listener(index, scope, $"the setting `{match.Groups["name"].Value}` defaults to `{literal}`", [])
            : null;
    }

    /// <summary>How far above a listen call its options may be set: a multi-line option list, not the whole function.</summary>
    private const int AddressAbove = 8;

    private static int Severity(BindScope scope) => scope switch
    {
        BindScope.Wildcard or BindScope.NonLoopback => 3,
        BindScope.Conditional => 2,
        BindScope.Loopback => 1,
        _ => 0,
    };

    [GeneratedRegex(@"(?<![\w""'])[A-Za-z_]\w*")]
    private static partial Regex Identifier();

    // {ip, ...} (Erlang), ip: ... (Elixir, YAML), ip => (maps), host=/bind= (keyword arguments), "host": (JSON).
    [GeneratedRegex(@"(?i)(?:\{\s*ip\s*,|\bip\s*(?::|=>)|[""']?\b(?:host|bind|bind_?address|listen_?address|ip)[""']?\s*[:=]).*")]
    private static partial Regex AddressOption();

    [GeneratedRegex(@"(?i)bind|host|addr|listen|interface|^ip$|_ip$|ip_|endpoint")]
    private static partial Regex AddressLike();

    [GeneratedRegex(@"(?:^|[\s.(,{])(?<name>[A-Za-z_]\w*)\s*(?:\{\s*get;[^}]*\}\s*)?(?::\s*[^=;,()]+?)?\s*(?:=>|(?<![=!<>:])=(?![=>])|:-|(?<!:):(?=\s))\s*(?<value>[^;]+)")]
    private static partial Regex Setting();
}
