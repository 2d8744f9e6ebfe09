using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Analysis;
using Beamtalk.Conformance.Principles.Rules;
using Beamtalk.Conformance.Principles.Source;
using static Beamtalk.Conformance.Principles.Rules.RuleFamily;

namespace Beamtalk.Conformance.Principles.Packs;

/// <summary>
/// Shell: every line runs a process, so the pack looks at what crosses into one: a secret expansion as an
/// argument, an echo to the terminal, an export, a redirect into a file. Shell has no fixed-time compare,
/// no exceptions and no FFI, so those rules do not exist here.
/// </summary>
internal static partial class ShellPack
{
    public static FileCreationSpelling Files { get; } = new(
        FileCreate(),
        new Regex(@"\binstall\b[^\n]*-m\s*0?600|\(\s*umask\s+0?077"),
        new Regex(@"^\s*umask\s+0?077\b"),
        new Regex(@"chmod\s+(?:0?6[46][46]|0?7[57][57]|[ago]*\+r)"),
        new Regex(@"^\s*(?:function\s+)?(?<name>\w+)\s*\(\s*\)"));

    public static IEnumerable<Rule> Rules()
    {
        var l = Language.Shell;
        foreach (var listener in PackRules.Listeners(l, Listen(), ImpliedWildcard()))
        {
            yield return listener;
        }

        yield return new Rule(l, SecretToOutput, (f, _) => Detectors.SecretFlow(f, Output(), unless: ToPipeOrFile()));
        yield return new Rule(l, SecretToArgv, (f, _) => SecretArguments(f));
        yield return new Rule(l, SecretToEnvironment, (f, _) => SecretExports(f));
        yield return new Rule(l, SecretFileBroad, (f, c) => SecretFileDetector.Broad(f, c, Files));
        yield return new Rule(l, SecretFileOwnerOnly, (f, c) => SecretFileDetector.OwnerOnly(f, c, Files));
        yield return new Rule(l, CompareVariableTime, (f, _) => Detectors.VariableTimeCompare(f, TestOperator(), CaseOnSecret(), new Regex("(?!)")));
        yield return new Rule(l, SpawnOrConnect, (f, _) => Detectors.Lines(f, SpawnOrClient(), unless: PackageList()));
        yield return new Rule(l, TlsVerificationOff, (f, _) => Detectors.Lines(f, TlsOff()));
        yield return new Rule(l, WorkerUnsupervised, (f, _) => Detectors.LinesUnlessFileHas(f, Background(), WaitsOrTraps()));
        yield return PackRules.SharedWorkspace(l);
        yield return PackRules.Guard(l);
    }

    /// <summary>A command (not a builtin, not an assignment) with a secret expansion among its arguments.</summary>
    private static IEnumerable<Hit> SecretArguments(SourceFile file)
    {
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            if (!line.IsChanged)
            {
                continue;
            }

            foreach (var command in CommandSeparator().Split(line.Skeleton))
            {
                var words = Leading().Replace(command, "");
                var name = FirstWord().Match(words);
                if (!name.Success || NotAProcess().IsMatch(name.Value) || Assignment().IsMatch(words))
                {
                    continue;
                }

                var arguments = words[name.Length..];
                // Here-strings and here-docs feed stdin, which is the safe way to hand over a secret.
                arguments = HereString().Replace(arguments, "");
                if (file.Secrets.FirstUse(arguments) is { } secret)
                {
                    yield return new Hit(i, $"`${secret}` is an argument of `{name.Value}`");
                    break;
                }
            }
        }
    }

    /// <summary>An export of a secret, or a secret set in front of a command (<c>TOKEN=$COOKIE cmd</c>).</summary>
    private static IEnumerable<Hit> SecretExports(SourceFile file)
    {
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            if (!line.IsChanged)
            {
                continue;
            }

            if (Export().Match(line.Skeleton) is { Success: true } export
                && (file.Secrets.IsSecret(export.Groups["name"].Value) || file.Secrets.FirstUse(export.Groups["value"].Value) is not null))
            {
                yield return new Hit(i, $"`export {export.Groups["name"].Value}` hands a secret to every child process");
            }
            else if (PrefixAssignment().Match(line.Skeleton) is { Success: true } prefix && file.Secrets.FirstUse(prefix.Groups["value"].Value) is { } secret)
            {
                yield return new Hit(i, $"`{prefix.Groups["name"].Value}=${secret}` in the environment of `{prefix.Groups["command"].Value}`");
            }
        }
    }

    [GeneratedRegex(@"\bnc\b[^\n|]*\s-\w*l|\bncat\b[^\n|]*\s-\w*l|\bsocat\b[^\n]*-LISTEN:|\bpython3?\s+-m\s+http\.server\b|--bind(?:=|\s+)|--host(?:=|\s+)|--listen(?:=|\s+)")]
    private static partial Regex Listen();

    // nc -l, socat TCP-LISTEN and http.server bind every interface unless told otherwise.
    [GeneratedRegex(@"^(?:(?!127\.0\.0\.1|localhost|::1|bind=|--bind|-b\s|-s\s).)*(?:\bnc\b|\bncat\b|\bsocat\b|http\.server)")]
    private static partial Regex ImpliedWildcard();

    [GeneratedRegex(@"(?:^|[;&|]\s*|\bthen\s+|\bdo\s+|\belse\s+)(?:echo|printf|logger)\b")]
    private static partial Regex Output();

    // Piped into another command (stdin) or redirected into a file: not the terminal.
    [GeneratedRegex(@"(?<!\|)\|(?!\|)|(?<![<>&0-9])>{1,2}\s*(?!&|/dev/(?:stderr|stdout|tty))[^\s&]")]
    private static partial Regex ToPipeOrFile();

    [GeneratedRegex(@"\s*(?:;|&&|\|\||\|(?!\|)|\$\(|`|\bthen\b|\bdo\b|\belse\b)\s*")]
    private static partial Regex CommandSeparator();

    [GeneratedRegex(@"^\s*(?:(?:if|while|until|!|exec|sudo|nohup|setsid|time|command)\s+)*")]
    private static partial Regex Leading();

    [GeneratedRegex(@"^[^\s=]+")]
    private static partial Regex FirstWord();

    [GeneratedRegex(@"^(?:echo|printf|logger|local|export|readonly|declare|typeset|read|test|\[|\[\[|unset|return|exit|set|shift|case|for|fi|done|esac|\{|\}|\(|\)|:|true|false|eval|source|\.|cd|wait|trap|\w+\))$")]
    private static partial Regex NotAProcess();

    [GeneratedRegex(@"^[A-Za-z_]\w*=")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"<<<\s*\S+|<<-?\s*\S+")]
    private static partial Regex HereString();

    [GeneratedRegex(@"^\s*export\s+(?<name>[A-Za-z_]\w*)(?:=(?<value>.*))?$")]
    private static partial Regex Export();

    [GeneratedRegex(@"^\s*(?<name>[A-Za-z_]\w*)=(?<value>\S+)\s+(?<command>[a-zA-Z./][\w./-]*)")]
    private static partial Regex PrefixAssignment();

    [GeneratedRegex(@"(?<![<>&0-9])>{1,2}\s*(?!&|/dev/)[""$\w~./]|\btee\b|\binstall\b[^\n]*\s-m\b")]
    private static partial Regex FileCreate();

    // Inside [ ] or [[ ]]: string equality stops at the first differing byte.
    [GeneratedRegex(@"(?<=\[\[?[^\]]*)\s(?:==?|!=)\s")]
    private static partial Regex TestOperator();

    [GeneratedRegex(@"\bcase\s+""?\$\{?\w+")]
    private static partial Regex CaseOnSecret();

    [GeneratedRegex(@"\b(?:curl|wget)\b|\bssh\b\s+\S|\b(?:sh|bash)\s+-c\b|\beval\b")]
    private static partial Regex SpawnOrClient();

    // curl and wget as words in a package list (for pkg in curl git; apt-get install curl; a continued list line), not commands.
    [GeneratedRegex(@"^\s*for\s+\w+\s+in\b|\b(?:apt-get|apt|yum|dnf|apk|brew|pacman|zypper|choco|pip3?)\s+(?:-\S+\s+)*(?:install|add|-S)\b|^\s*(?:[\w.+][\w.+-]*\s+)*(?:curl|wget)(?:\s+[\w.+][\w.+-]*)*\s*\\\s*$|^\s*(?:curl|wget)\s*$")]
    private static partial Regex PackageList();

    [GeneratedRegex(@"\bcurl\b[^\n]*\s(?:-k|--insecure)\b|\bwget\b[^\n]*--no-check-certificate|GIT_SSL_NO_VERIFY=(?:1|true)|NODE_TLS_REJECT_UNAUTHORIZED=0")]
    private static partial Regex TlsOff();

    [GeneratedRegex(@"(?:^|[^&>|])&\s*$")]
    private static partial Regex Background();

    [GeneratedRegex(@"\bwait\b|\btrap\b")]
    private static partial Regex WaitsOrTraps();
}
