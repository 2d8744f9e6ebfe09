using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Rules;
using Beamtalk.Conformance.Principles.Source;

namespace Beamtalk.Conformance.Principles.Packs;

/// <summary>Python: socket, http.server, asyncio/uvicorn servers, logging, subprocess, hmac.compare_digest.</summary>
internal static partial class PythonPack
{
    public static FileCreationSpelling Files { get; } = new(
        FileCreate(),
        new Regex(@"os\.open\([^)]*0o?600|opener\s*=|os\.fdopen\(\s*os\.open\([^)]*0o?600"),
        new Regex(@"os\.umask\(\s*0o?077\s*\)"),
        new Regex(@"0o?6[46][46]\b|0o?7[57][57]\b"),
        new Regex(@"^\s*def\s+(?<name>\w+)"));

    public static IEnumerable<Rule> Rules() => PackRules.Standard(Language.Python, new PackSpelling
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
        Worker = Worker(),
        CatchAllSwallow = f => Detectors.EmptyExcept(f, BareExcept()),
    });

    [GeneratedRegex(@"\.bind\s*\(\s*\(|\.bind_to_random_port\s*\(|\.bind\s*\(\s*f?[""']tcp://|\w*server\.listen\s*\(\s*[\w.]+\s*,|\b(?:HTTPServer|ThreadingHTTPServer|TCPServer|ThreadingTCPServer|UDPServer)\s*\(\s*\(|\b(?:websockets\.)?serve\s*\(\s*\w+\s*,|\buvicorn\.run\s*\(|\bapp\.run\s*\(|\b(?:asyncio\.)?start_server\s*\(|\bcreate_server\s*\(")]
    private static partial Regex Listen();

    // An empty host string binds every interface.
    [GeneratedRegex(@"\(\s*\(\s*(?:''|"""")\s*,|host\s*=\s*(?:''|"""")")]
    private static partial Regex ImpliedWildcard();

    [GeneratedRegex(@"(?<![\w.])print\s*\(|\blogging\.\w+\s*\(|\b_?log(?:ger)?\.(?:debug|info|warning|warn|error|exception|critical|log)\s*\(|\bsys\.std(?:out|err)\.write\s*\(|\bjson\.dumps?\s*\(")]
    private static partial Regex Output();

    [GeneratedRegex(@"\braise\s+\w+(?:\.\w+)*\s*\(")]
    private static partial Regex Exception();

    [GeneratedRegex(@"\bsubprocess\.\w+\s*\(|\bos\.(?:exec\w*|spawn\w*|system|popen)\s*\(|\bPopen\s*\(|\basyncio\.create_subprocess_\w+\s*\(")]
    private static partial Regex Argv();

    [GeneratedRegex(@"\bos\.environ\s*\[[^\]]*\]\s*=(?!=)|\bos\.putenv\s*\(|\benviron\.update\s*\(|\benv\s*=\s*\{|\benv\[[^\]]*\]\s*=(?!=)")]
    private static partial Regex Environment();

    [GeneratedRegex(@"(?<![\w.])(?:io\.)?open\s*\([^)]*['""][wax]b?\+?['""]|\.write_(?:text|bytes)\s*\(|\bos\.open\s*\(")]
    private static partial Regex FileCreate();

    [GeneratedRegex(@"(?<![=!<>])(?:==|!=)(?!=)")]
    private static partial Regex EqualityOperator();

    [GeneratedRegex(@"\bcompare_digest\s*\(")]
    private static partial Regex FixedTime();

    [GeneratedRegex(@"\blen\s*\([^)]*\)\s*(?:!=|==)\s*len\s*\(")]
    private static partial Regex LengthCompare();

    [GeneratedRegex(@"\bsubprocess\.\w+\s*\(|\bos\.(?:system|popen|exec\w*|spawn\w*)\s*\(|\brequests\.(?:get|post|put|delete|patch|head|request|Session)\s*\(|\burllib\.request\.\w+\s*\(|\bhttpx\.\w+\s*\(|\baiohttp\.ClientSession\s*\(|\bhttp\.client\.\w+\s*\(|\bsocket\.create_connection\s*\(")]
    private static partial Regex SpawnOrClient();

    [GeneratedRegex(@"\bverify\s*=\s*False\b|_create_unverified_context\s*\(|\bCERT_NONE\b|check_hostname\s*=\s*False")]
    private static partial Regex TlsOff();

    [GeneratedRegex(@"\bctypes\.\w+|\bcffi\b|\bCDLL\s*\(|(?<![\w.])open\s*\(|\bos\.(?:remove|unlink|rename|makedirs|rmdir)\s*\(|\bshutil\.\w+\s*\(|\.(?:read|write)_(?:text|bytes)\s*\(")]
    private static partial Regex ForeignOrFile();

    // A daemon thread or a task nobody keeps: its exception is never seen.
    [GeneratedRegex(@"\bThread\s*\(.*daemon\s*=\s*True|^\s*(?:asyncio\.)?(?:create_task|ensure_future)\s*\(|^\s*\w*\.?start_new_thread\s*\(|^\s*threading\.Thread\s*\(.*\)\.start\s*\(")]
    private static partial Regex Worker();

    [GeneratedRegex(@"^\s*except\s*(?:\(?\s*(?:Exception|BaseException)\s*\)?)?\s*(?:as\s+\w+\s*)?:")]
    private static partial Regex BareExcept();
}
