using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Rules;
using Beamtalk.Conformance.Principles.Source;

namespace Beamtalk.Conformance.Principles.Packs;

/// <summary>C#: Kestrel, sockets, ILogger, Process, FileStreamOptions.</summary>
internal static partial class CSharpPack
{
    public static FileCreationSpelling Files { get; } = new(
        FileCreate(),
        new Regex(@"UnixCreateMode\s*="),
        null,
        new Regex(@"UnixCreateMode\s*=.*(Group|Other)|SetUnixFileMode\(.*(Group|Other)"),
        new Regex(@"\b(?:class|struct|record)\s+(?<name>[A-Z]\w*)"));

    public static IEnumerable<Rule> Rules() => PackRules.Standard(Language.CSharp, new PackSpelling
    {
        Listen = Listen(),
        ImpliedWildcard = ImpliedWildcard(),
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
        Worker = Worker(),
        CatchAllSwallow = f => Detectors.EmptyCatchAll(f, CatchAll()),
    });

    [GeneratedRegex(@"\.Listen\s*\((?!\s*\d*\s*\))|\.Listen(?:AnyIP|Localhost)\s*\(|new\s+TcpListener\s*\(|new\s+UdpClient\s*\(|\.UseUrls\s*\(|\.Urls\.Add\s*\(|Prefixes\.Add\s*\(|\bTcpListener\.Create\s*\(|(?<!\.Connect\w*\(.*)\.Bind\s*\(")]
    private static partial Regex Listen();

    // new TcpListener(port) and ListenAnyIP take no address and bind every interface.
    [GeneratedRegex(@"new\s+TcpListener\s*\(\s*[\w.]+\s*\)|ListenAnyIP|TcpListener\.Create\s*\(")]
    private static partial Regex ImpliedWildcard();

    [GeneratedRegex(@"\bConsole\.(?:Error\.|Out\.)?Write(?:Line)?(?:Async)?\s*\(|\.Log(?:Trace|Debug|Information|Warning|Error|Critical)?\s*\(|\b_?[lL]og(?:ger)?\.\w+\s*\(|\b(?:Debug|Trace)\.Write\w*\s*\(|\.(?:Out|Error)\.Write(?:Line)?\s*\(|AnsiConsole\.\w+\s*\(|Write(?:Metadata|NodeInfo)\s*\(|JsonSerializer\.Serialize\w*\s*\(")]
    private static partial Regex Output();

    [GeneratedRegex(@"\bnew\s+\w*Exception\s*\(|\bthrow\s+new\s+\w+\s*\(")]
    private static partial Regex Exception();

    [GeneratedRegex(@"ArgumentList\.Add\s*\(|\bArguments\s*=|Process\.Start\s*\(\s*[^,()]+,|new\s+ProcessStartInfo\s*\(\s*[^,()]+,")]
    private static partial Regex Argv();

    [GeneratedRegex(@"\.Environment(?:Variables)?\s*\[|\.Environment\.Add\s*\(|Environment\.SetEnvironmentVariable\s*\(")]
    private static partial Regex Environment();

    [GeneratedRegex(@"File\.(?:WriteAll(?:Text|Bytes|Lines)|AppendAll(?:Text|Lines)|Create|CreateText|OpenWrite)(?:Async)?\s*\(|new\s+FileStream\s*\(|new\s+StreamWriter\s*\(|\bFileStreamOptions\b|File\.Open\s*\(")]
    private static partial Regex FileCreate();

    [GeneratedRegex(@"(?<![=!<>])(?:==|!=)(?!=)")]
    private static partial Regex EqualityOperator();

    [GeneratedRegex(@"\.Equals\s*\(|\bSequenceEqual\s*\(|\bCompareOrdinal\s*\(|\.StartsWith\s*\(")]
    private static partial Regex EqualityMethod();

    // The call, not a declaration: a fixed-time helper is reached through its type.
    [GeneratedRegex(@"\.FixedTimeEquals\s*\(")]
    private static partial Regex FixedTime();

    [GeneratedRegex(@"\.(?:Length|Count\(\)|Count)\s*(?:!=|==|<|>)\s*[\w.\[\]]+\.(?:Length|Count\(\)|Count)")]
    private static partial Regex LengthCompare();

    [GeneratedRegex(@"\bProcess\.Start\s*\(|new\s+ProcessStartInfo\b|new\s+HttpClient\s*\(|new\s+ClientWebSocket\s*\(|new\s+TcpClient\s*\(|WebRequest\.Create\s*\(|\.ConnectAsync\s*\(\s*new\s+Uri|HttpClientFactory|CreateClient\s*\(")]
    private static partial Regex SpawnOrClient();

    [GeneratedRegex(@"(?:ServerCertificateCustomValidationCallback|RemoteCertificateValidationCallback|ServerCertificateValidationCallback)\s*=.*=>\s*true|DangerousAcceptAnyServerCertificateValidator|CheckCertificateRevocationList\s*=\s*false")]
    private static partial Regex TlsOff();

    [GeneratedRegex(@"\[(?:DllImport|LibraryImport)\b|NativeLibrary\.\w+\s*\(|Marshal\.GetDelegateForFunctionPointer|delegate\s*\*\s*unmanaged|\bFile\.(?:Read|Write|Open|Delete|Create|Append|Copy|Move|Set)\w*\s*\(|\bDirectory\.(?:Delete|Create|Enumerate|Get)\w*\s*\(")]
    private static partial Regex ForeignOrFile();

    // Fire-and-forget: a started task nobody awaits or holds, or a raw thread.
    [GeneratedRegex(@"^\s*(?:_\s*=\s*)?Task\.(?:Run|Factory\.StartNew)\s*\(|\bnew\s+Thread\s*\(|ThreadPool\.(?:Unsafe)?QueueUserWorkItem\s*\(")]
    private static partial Regex Worker();

    [GeneratedRegex(@"\bcatch\s*(?:\(\s*(?:System\.)?Exception(?:\s+\w+)?\s*\))?\s*(?=\{|$)")]
    private static partial Regex CatchAll();
}
