using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Rules;
using Beamtalk.Conformance.Principles.Source;

namespace Beamtalk.Conformance.Principles.Packs;

/// <summary>Rust: std and tokio sockets, log/tracing macros, std::process::Command, OpenOptions, subtle.</summary>
internal static partial class RustPack
{
    public static FileCreationSpelling Files { get; } = new(
        FileCreate(),
        new Regex(@"\.mode\(\s*0o?600\s*\)|\.mode\(\s*0o?400\s*\)"),
        null,
        new Regex(@"\.mode\(\s*0o?6[46][46]\s*\)|\.mode\(\s*0o?7[57][57]\s*\)|from_mode\(\s*0o?6[46][46]\s*\)"),
        new Regex(@"\bfn\s+(?<name>\w+)"));

    public static IEnumerable<Rule> Rules() => PackRules.Standard(Language.Rust, new PackSpelling
    {
        Listen = Listen(),
        ImpliedWildcard = null,
        Output = Output(),
        Exception = Exception(),
        Argv = Argv(),
        Environment = Environment(),
        Files = Files,
        EqualityOperator = EqualityOperator(),
        EqualityMethod = EqualityMethod(),
        FixedTime = FixedTime(),
        LengthCompare = LengthCompare(),
        SpawnOrClient = SpawnOrClient(),
        TlsOff = TlsOff(),
        ForeignOrFile = ForeignOrFile(),
        ForeignOrFileInCodeOnly = true,
        Worker = Worker(),
        CatchAllSwallow = f => Detectors.Lines(f, CatchAll()),
    });

    [GeneratedRegex(@"\b(?:TcpListener|UdpSocket)::bind\s*\(|\bServer::bind\s*\(|\.bind\s*\(\s*(?:\(|&|""|\w)|\bwarp::serve\b.*\.run\s*\(")]
    private static partial Regex Listen();

    [GeneratedRegex(@"\b(?:e?print(?:ln)?|dbg|trace|debug|info|warn|error)!\s*\(|\b(?:log|tracing)::\w+!\s*\(|\bserde_json::to_(?:string|writer|vec)(?:_pretty)?\s*\(")]
    private static partial Regex Output();

    [GeneratedRegex(@"\b(?:panic|bail|anyhow|unreachable)!\s*\(|\.expect\s*\(\s*&?format!|\bErr\s*\(\s*format!")]
    private static partial Regex Exception();

    [GeneratedRegex(@"\.args?\s*\(")]
    private static partial Regex Argv();

    [GeneratedRegex(@"\.envs?\s*\(|\benv::set_var\s*\(")]
    private static partial Regex Environment();

    [GeneratedRegex(@"\bfs::write\s*\(|\bFile::create\s*\(|\bOpenOptions::new\s*\(\s*\)")]
    private static partial Regex FileCreate();

    [GeneratedRegex(@"(?<![=!<>])(?:==|!=)(?!=)")]
    private static partial Regex EqualityOperator();

    [GeneratedRegex(@"\.eq\s*\(|\.starts_with\s*\(")]
    private static partial Regex EqualityMethod();

    [GeneratedRegex(@"(?<!fn\s+)\bconstant_time_eq\w*\s*\(|\.ct_eq\s*\(|\bmac\.verify(?:_slice|_truncated_left)?\s*\(|\bverify_slices_are_equal\s*\(|\bmemcmp::eq\s*\(")]
    private static partial Regex FixedTime();

    [GeneratedRegex(@"\.len\(\)\s*(?:!=|==)\s*[\w.]+\.len\(\)")]
    private static partial Regex LengthCompare();

    [GeneratedRegex(@"\bCommand::new\s*\(|\breqwest::|\bhyper::Client\b|\bTcpStream::connect\s*\(|\bureq::\w+\s*\(|\bClient::new\s*\(\s*\)|\bClient::builder\s*\(\s*\)")]
    private static partial Regex SpawnOrClient();

    [GeneratedRegex(@"danger_accept_invalid_(?:certs|hostnames)\s*\(\s*true\s*\)|SslVerifyMode::NONE|dangerous\(\)\.set_certificate_verifier")]
    private static partial Regex TlsOff();

    [GeneratedRegex(@"\bextern\s+""C""|\blibloading::|\bLibrary::new\s*\(|\bstd::fs::\w+\s*\(|\bfs::(?:read\w*|write|remove\w*|create_dir\w*|rename|copy)\s*\(|\bFile::(?:open|create)\s*\(")]
    private static partial Regex ForeignOrFile();

    // A spawn whose JoinHandle is dropped at once: the task's panic goes nowhere.
    [GeneratedRegex(@"^\s*(?:std::)?thread::spawn\s*\(|^\s*(?:tokio::)?(?:task::)?spawn(?:_blocking)?\s*\(|^\s*tokio::spawn\s*\(|^\s*async_std::task::spawn\s*\(")]
    private static partial Regex Worker();

    [GeneratedRegex(@"\bErr\s*\(\s*_\w*\s*\)\s*=>\s*(?:\{\s*\}|\(\)|continue|return\b|\{\s*continue;?\s*\}|\{\s*return;?\s*\})|\bif\s+let\s+Err\s*\(\s*_\w*\s*\)\s*=.*\{\s*\}")]
    private static partial Regex CatchAll();
}
