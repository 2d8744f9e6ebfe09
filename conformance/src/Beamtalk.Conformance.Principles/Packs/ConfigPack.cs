using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Analysis;
using Beamtalk.Conformance.Principles.Rules;
using Beamtalk.Conformance.Principles.Source;
using static Beamtalk.Conformance.Principles.Rules.RuleFamily;

namespace Beamtalk.Conformance.Principles.Packs;

/// <summary>
/// Deployment and runtime configuration (YAML, TOML, JSON, .env, Dockerfiles, systemd units, compose files):
/// bind addresses and published ports, secrets handed to a process in its environment or on its command line,
/// and guards switched on or off. Code-only families (compares, exceptions, workers) do not apply.
/// </summary>
internal static partial class ConfigPack
{
    /// <summary>Configuration creates no files itself.</summary>
    public static FileCreationSpelling Files { get; } = new(new Regex("(?!)"), new Regex("(?!)"), null, new Regex("(?!)"), new Regex("(?!)"));

    public static IEnumerable<Rule> Rules()
    {
        var l = Language.Config;
        yield return new Rule(l, ListenWildcard, (f, _) => Binds(f).Where(b => AddressClassifier.IsExposed(b.Scope)).Select(b => b.Hit));
        yield return new Rule(l, ListenLoopback, (f, _) => Binds(f).Where(b => b.Scope == BindScope.Loopback).Select(b => b.Hit));
        yield return new Rule(l, SecretToEnvironment, (f, _) => Detectors.Lines(f, SecretInEnvironment(), unless: PointsAtAFile(), inCode: true));
        yield return new Rule(l, SecretToArgv, (f, _) => Detectors.Lines(f, SecretOnCommandLine(), inCode: true));
        yield return PackRules.Guard(l);
    }

    /// <summary>Bind settings (host, ip, bind, listen) with an address, and published ports with or without a host address.</summary>
    private static IEnumerable<(BindScope Scope, Hit Hit)> Binds(SourceFile file)
    {
        var publishes = PublishesPorts(file.Path);
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            if (!line.IsChanged)
            {
                continue;
            }

            if (BindSetting().Match(line.Code) is { Success: true } setting
                && AddressClassifier.Classify(setting.Groups["value"].Value) is var (scope, literal) && scope != BindScope.Unknown && scope != BindScope.Conditional)
            {
                yield return (scope, new Hit(i, $"`{setting.Groups["name"].Value.Trim('"', '\'')}` binds `{literal}`"));
            }
            else if (SocketUnitPortOnly().Match(line.Code) is { Success: true } unit)
            {
                yield return (BindScope.Wildcard, new Hit(i, $"{Detectors.Quote(unit.Value)} listens on every interface"));
            }
            else if ((publishes ? PublishedPort() : PublishFlag()).Match(line.Code) is { Success: true } port)
            {
                var host = port.Groups["host"].Value;
                yield return host.Length == 0
                    ? (BindScope.Wildcard, new Hit(i, $"port {Detectors.Quote(port.Groups["ports"].Value)} published on every interface"))
                    : (AddressClassifier.Classify(host).Scope is var hostScope && hostScope != BindScope.Unknown ? hostScope : BindScope.NonLoopback,
                        new Hit(i, $"port {Detectors.Quote(port.Groups["ports"].Value)} published on `{host}`"));
            }
        }
    }

    /// <summary>Compose files and Dockerfile-adjacent YAML, where a "8888:8888" list item is a published port.</summary>
    private static bool PublishesPorts(string path) =>
        System.IO.Path.GetFileName(path).Contains("compose", StringComparison.OrdinalIgnoreCase);

    // host: 0.0.0.0, "ip": "0.0.0.0", bind = "127.0.0.1", --ip=0.0.0.0, c.ServerApp.ip = '*', ListenStream=0.0.0.0:80
    [GeneratedRegex(@"(?i)(?<name>[""']?(?:[\w.-]*[._-])?(?:ip|host|bind|bind_?addr(?:ess)?|listen_?addr(?:ess)?|listen|listenstream|server_?name)[""']?)\s*(?:[:=]|\s(?=[""'\d\[{*]))\s*(?<value>.+)")]
    private static partial Regex BindSetting();

    [GeneratedRegex(@"(?i)^\s*Listen(?:Stream|Datagram)\s*=\s*\d+\s*$")]
    private static partial Regex SocketUnitPortOnly();

    // - "8888:8888", - 127.0.0.1:8888:8888, published: 8888 (long form has its own host_ip key)
    [GeneratedRegex(@"^\s*-\s*[""']?(?:(?<host>\d{1,3}(?:\.\d{1,3}){3}|\[[:\da-fA-F]+\]):)?(?<ports>\d{2,5}(?:-\d+)?:\d{2,5}(?:-\d+)?)(?:/(?:tcp|udp))?[""']?\s*$")]
    private static partial Regex PublishedPort();

    [GeneratedRegex(@"(?:\s-p|--publish)[\s=]+[""']?(?:(?<host>\d{1,3}(?:\.\d{1,3}){3}):)?(?<ports>\d{2,5}:\d{2,5})")]
    private static partial Regex PublishFlag();

    // RELEASE_COOKIE=..., ENV JUPYTER_TOKEN ..., Environment=API_TOKEN=..., - SECRET_KEY_BASE=...
    [GeneratedRegex(@"(?i)^\s*(?:-\s*|ENV\s+|export\s+|Environment\s*=\s*[""']?)?[""']?[A-Z0-9_]*(?:COOKIE|TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_?KEY)[A-Z0-9_]*[""']?\s*[=:\s]\s*\S")]
    private static partial Regex SecretInEnvironment();

    // ..._FILE / ..._PATH names point at a secret's file, which is the right way to hand it over.
    [GeneratedRegex(@"(?i)^\s*(?:-\s*|ENV\s+|export\s+|Environment\s*=\s*)?[""']?[A-Z0-9_]*(?:_FILE|_PATH|_DIR)[""']?\s*[=:\s]")]
    private static partial Regex PointsAtAFile();

    // -setcookie abc, --cookie abc, --ServerApp.token=abc (an empty token is no secret; it is auth off, another matter).
    [GeneratedRegex(@"(?i)(?:-setcookie|--cookie)[\s=]+[""']?[\w$]|--(?:NotebookApp|ServerApp|IdentityProvider)\.token[\s=]+[""']?[\w$]")]
    private static partial Regex SecretOnCommandLine();
}
