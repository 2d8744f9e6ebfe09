using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Rules;
using Beamtalk.Conformance.Principles.Source;

namespace Beamtalk.Conformance.Principles.Packs;

/// <summary>Erlang/OTP: gen_tcp, cowboy and ranch, logger, open_port, crypto:hash_equals, supervisors.</summary>
internal static partial class ErlangPack
{
    // Erlang cannot give a mode at open: the file is made owner-only before the secret goes in
    // (change_mode on the empty file, or an owner-only umask set by the launcher earlier).
    public static FileCreationSpelling Files { get; } = new(
        FileCreate(),
        new Regex(@"(?!)"),
        new Regex(@"file:change_mode\([^)]*8#0?600|file:write_file_info\([^)]*mode\s*=\s*8#0?600"),
        new Regex(@"8#0?6[46][46]|8#0?7[57][57]"),
        new Regex(@"^(?<name>[a-z]\w*)\s*\("));

    public static IEnumerable<Rule> Rules() => PackRules.Standard(Language.Erlang, new PackSpelling
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
        MatchCompare = f => Detectors.BoundMatch(f, CaseOf(), BoundClause(), FunctionHead()),
        FixedTime = FixedTime(),
        LengthCompare = LengthCompare(),
        SpawnOrClient = SpawnOrClient(),
        TlsOff = TlsOff(),
        ForeignOrFile = ForeignOrFile(),
        Worker = Worker(),
        WorkerSupervised = Supervised(),
        CatchAllSwallow = f => Detectors.Lines(f, CatchAll()),
    });

    [GeneratedRegex(@"\bgen_tcp:listen\s*\(|\bgen_udp:open\s*\(|\bssl:listen\s*\(|\bcowboy:start_(?:clear|tls)\s*\(|\branch:start_listener\s*\(|\binet_dist_use_interface\b")]
    private static partial Regex Listen();

    // gen_tcp, ssl, cowboy and ranch bind every interface unless the options carry {ip, ...}.
    [GeneratedRegex(@"^(?!.*\{\s*ip\s*,)(?!.*\bifaddr\b)[^\n]*(?:listen|open|start_clear|start_tls|start_listener)\s*\(\s*[\w']+\s*,\s*(?:\[|#\{)", RegexOptions.Singleline)]
    private static partial Regex ImpliedWildcard();

    [GeneratedRegex(@"\bio:(?:format|fwrite|put_chars)\s*\(|\blogger:\w+\s*\(|\?LOG(?:_\w+)?\s*\(|\berror_logger:\w+\s*\(|\blager:\w+\s*\(|\b(?:jsx|jsone|json|thoas|jiffy):encode\s*\(|\bfile:write_file\s*\([^,]*(?:metadata|node[._]info)")]
    private static partial Regex Output();

    [GeneratedRegex(@"\berlang:(?:error|exit|throw)\s*\(|(?<![\w:])(?:error|exit|throw)\s*\(")]
    private static partial Regex Exception();

    [GeneratedRegex(@"\{\s*args\s*,|\bos:cmd\s*\(|-setcookie|\berlang:open_port\s*\(\s*\{\s*spawn\b|\bopen_port\s*\(\s*\{\s*spawn\b")]
    private static partial Regex Argv();

    [GeneratedRegex(@"\{\s*env\s*,|\bos:putenv\s*\(")]
    private static partial Regex Environment();

    [GeneratedRegex(@"\bfile:write_file\s*\(|\bfile:open\s*\([^)]*\bwrite\b")]
    private static partial Regex FileCreate();

    [GeneratedRegex(@"=:=|=/=|(?<![=:<>/])==|(?<![=:<])/=")]
    private static partial Regex EqualityOperator();

    [GeneratedRegex(@"\bcase\s+(?<subject>[A-Z]\w*)\s+of\b")]
    private static partial Regex CaseOf();

    // A clause whose pattern is a variable already bound (not _): the match is an equality test.
    [GeneratedRegex(@"^\s*(?:(?:case\s+[A-Z]\w*\s+of\s+))?(?<pattern>[A-Z]\w*)\s*->")]
    private static partial Regex BoundClause();

    [GeneratedRegex(@"^(?<name>[a-z]\w*)\s*\(")]
    private static partial Regex FunctionHead();

    [GeneratedRegex(@"\bcrypto:hash_equals\s*\(")]
    private static partial Regex FixedTime();

    [GeneratedRegex(@"\b(?:byte_size|size|length|iolist_size)\s*\(\s*\w+\s*\)\s*(?:=/=|=:=|==|/=)\s*(?:byte_size|size|length|iolist_size)\s*\(")]
    private static partial Regex LengthCompare();

    [GeneratedRegex(@"\bopen_port\s*\(\s*\{\s*spawn|\bos:cmd\s*\(|\bhttpc:request\s*\(|\bgun:open\s*\(|\bhackney:\w+\s*\(|\bgen_tcp:connect\s*\(|\bssl:connect\s*\(|\bexec:run\w*\s*\(")]
    private static partial Regex SpawnOrClient();

    [GeneratedRegex(@"\{\s*verify\s*,\s*verify_none\s*\}|\{\s*insecure\s*,\s*true\s*\}")]
    private static partial Regex TlsOff();

    [GeneratedRegex(@"\berlang:apply\s*\(|(?<![\w:])apply\s*\(|\berlang:load_nif\s*\(|\bcode:load_binary\s*\(|\bcode:add_patha?\s*\(|\bfile:(?:read_file|write_file|open|delete|rename|del_dir|make_dir|list_dir)\s*\(")]
    private static partial Regex ForeignOrFile();

    [GeneratedRegex(@"(?<![\w:])(?:spawn|spawn_link)\s*\(|\berlang:spawn(?:_link)?\s*\(|\bproc_lib:spawn(?:_link)?\s*\(")]
    private static partial Regex Worker();

    [GeneratedRegex(@"supervisor:|spawn_monitor|start_child")]
    private static partial Regex Supervised();

    // try ... catch _:_ -> ok: both class and reason ignored, nothing logged, nothing re-raised.
    [GeneratedRegex(@"(?<![\w])_\w*\s*:\s*_\w*(?:\s*:\s*_\w*)?\s*->\s*(?:ok|ignore|\[\]|undefined|nil|false)\b|\bcatch\s+_\w*\s*->\s*(?:ok|ignore|\[\]|undefined|nil)\b")]
    private static partial Regex CatchAll();
}
