namespace Beamtalk.Workspace.Diagnostics;

/// <summary>
/// Stable error codes of the reference workspace, grouped by prefix. Messages start with the
/// code so scripts and tests can match on it rather than on wording.
/// BT-1xx: workspace identity and storage · BT-2xx: lifecycle · BT-3xx: client connection.
/// Next free: BT-109, BT-207, BT-305.
/// </summary>
public static class WorkspaceErrorCodes
{
    public const string InvalidName = "BT-101";
    public const string NoSuchWorkspace = "BT-102";
    public const string AlreadyExists = "BT-103";
    public const string CorruptMetadata = "BT-104";
    public const string CookieUnreadable = "BT-105";
    public const string CookieTooBroad = "BT-106";
    public const string CookieInvalid = "BT-107";
    public const string DirectoryTooBroad = "BT-108";

    public const string AlreadyRunning = "BT-201";
    public const string NotRunning = "BT-202";
    public const string StartFailed = "BT-203";
    public const string StopFailed = "BT-204";
    public const string NetworkBindRefused = "BT-205";
    public const string RotateFailed = "BT-206";

    public const string ConnectFailed = "BT-301";
    public const string AuthenticationFailed = "BT-302";
    public const string ProtocolError = "BT-303";
    public const string EvalFailed = "BT-304";
}

/// <summary>A failure the user can act on; the message starts with its code and never carries a secret.</summary>
public sealed class WorkspaceException(string code, string message, Exception? inner = null)
    : Exception($"{code}: {message}", inner)
{
    public string Code { get; } = code;
}
