using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Rules;
using Beamtalk.Conformance.Principles.Source;

namespace Beamtalk.Conformance.Principles.Packs;

/// <summary>
/// Elixir: endpoint and listener configuration (<c>http: [ip: ...]</c>, Plug.Cowboy, Bandit), Logger and IO,
/// System.cmd and Port.open, Plug.Crypto.secure_compare, Task and spawn, rescue and catch. Config files
/// (<c>config/runtime.exs</c>) are Elixir too, so a production bind address is read here.
/// </summary>
internal static partial class ElixirPack
{
    // Like Erlang, Elixir cannot give a mode at open: the file is made owner-only before the secret goes in.
    public static FileCreationSpelling Files { get; } = new(
        FileCreate(),
        new Regex(@"(?!)"),
        new Regex(@"File\.chmod!?\([^)]*0o0?600|:file\.change_mode\([^)]*0o0?600"),
        new Regex(@"0o0?6[46][46]|0o0?7[57][57]"),
        new Regex(@"^\s*defp?\s+(?<name>\w+)"));

    public static IEnumerable<Rule> Rules() => PackRules.Standard(Language.Elixir, new PackSpelling
    {
        Listen = Listen(),
        ImpliedWildcard = ImpliedWildcard(),
        Output = Output(),
        Exception = Exception(),
        Argv = Argv(),
        Environment = Environment(),
        Files = Files,
        EqualityOperator = EqualityOperator(),
        EqualityMethod = null,
        FixedTime = FixedTime(),
        LengthCompare = LengthCompare(),
        SpawnOrClient = SpawnOrClient(),
        TlsOff = TlsOff(),
        ForeignOrFile = ForeignOrFile(),
        ForeignOrFileInCodeOnly = true,
        Worker = Worker(),
        WorkerSupervised = Supervised(),
        CatchAllSwallow = f => Detectors.Lines(f, CatchAll()),
    });

    [GeneratedRegex(@"\bPlug\.Cowboy\.https?\s*\(|\{\s*(?:Plug\.Cowboy|Bandit)\s*,|\bBandit\.start_link\s*\(|:gen_tcp\.listen\s*\(|:ranch\.start_listener\s*\(|:cowboy\.start_(?:clear|tls)\s*\(|\bhttps?:\s*\[")]
    private static partial Regex Listen();

    // Cowboy, Bandit and gen_tcp bind every interface unless the options carry ip:.
    [GeneratedRegex(@"^(?!.*\bip:)(?!.*\{\s*:ip\s*,)[^\n]*(?:Plug\.Cowboy\.https?\s*\(|\{\s*(?:Plug\.Cowboy|Bandit)\s*,|\bhttps?:\s*\[[^\]]*\bport:|:gen_tcp\.listen\s*\(\s*\w+\s*,\s*\[)", RegexOptions.Singleline)]
    private static partial Regex ImpliedWildcard();

    [GeneratedRegex(@"\bLogger\.(?:debug|info|notice|warning|warn|error|critical|log)\b|\bIO\.(?:puts|inspect|write)\s*\(|\bIO\.inspect\b|\bJason\.encode!?\s*\(")]
    private static partial Regex Output();

    [GeneratedRegex(@"\braise\b|\bexit\s*\(|\bthrow\s*\(")]
    private static partial Regex Exception();

    [GeneratedRegex(@"\bSystem\.cmd\s*\(|\bPort\.open\s*\(|\bMuonTrap\.cmd\s*\(|:os\.cmd\s*\(|\bargs:\s*\[")]
    private static partial Regex Argv();

    [GeneratedRegex(@"\bSystem\.put_env\s*\(|\benv:\s*\[|\{\s*:env\s*,")]
    private static partial Regex Environment();

    [GeneratedRegex(@"\bFile\.write!?\s*\(|\bFile\.open!?\s*\([^)]*:write")]
    private static partial Regex FileCreate();

    [GeneratedRegex(@"(?<![=!<>])(?:===|!==|==|!=)(?![=~])")]
    private static partial Regex EqualityOperator();

    [GeneratedRegex(@"\bPlug\.Crypto\.secure_compare\s*\(|:crypto\.hash_equals\s*\(")]
    private static partial Regex FixedTime();

    [GeneratedRegex(@"\b(?:byte_size|String\.length|length)\s*\(\s*\w+\s*\)\s*(?:==|!=|===|!==)\s*(?:byte_size|String\.length|length)\s*\(")]
    private static partial Regex LengthCompare();

    [GeneratedRegex(@"\bSystem\.cmd\s*\(|\bPort\.open\s*\(|\bMuonTrap\.cmd\s*\(|:os\.cmd\s*\(|\bReq\.(?:get|post|put|delete|request|new)!?\s*\(|\bHTTPoison\.\w+!?\s*\(|:httpc\.request\s*\(|\bFinch\.request!?\s*\(|\bMint\.HTTP\.connect\s*\(|:gen_tcp\.connect\s*\(|:ssl\.connect\s*\(|\bTesla\.\w+\s*\(")]
    private static partial Regex SpawnOrClient();

    [GeneratedRegex(@"verify:\s*:verify_none|\{\s*:verify\s*,\s*:verify_none\s*\}")]
    private static partial Regex TlsOff();

    [GeneratedRegex(@"\bFile\.(?:read|write|rm|rm_rf|mkdir_p|mkdir|cp|cp_r|rename|open|ls)!?\s*\(|:erlang\.load_nif\s*\(|\bCode\.eval_(?:string|quoted)\s*\(|:code\.load_binary\s*\(")]
    private static partial Regex ForeignOrFile();

    [GeneratedRegex(@"(?<![\w.])spawn\s*\(|\bProcess\.spawn\s*\(|\bTask\.start\s*\(")]
    private static partial Regex Worker();

    [GeneratedRegex(@"Task\.Supervisor|Supervisor\.|start_child|spawn_monitor")]
    private static partial Regex Supervised();

    // rescue _ -> :ok, catch _, _ -> nil: the error and its kind dropped, nothing logged or re-raised.
    [GeneratedRegex(@"\brescue\s+_\w*\s*->\s*(?::ok|nil|false|\[\]|:error)\s*$|\bcatch\s+_\w*(?:\s*,\s*_\w*)?\s*->\s*(?::ok|nil|false|\[\]|:error)\s*$")]
    private static partial Regex CatchAll();
}
