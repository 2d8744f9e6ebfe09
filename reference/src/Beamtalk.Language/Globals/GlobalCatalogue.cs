namespace Beamtalk.Language.Globals;

/// <summary>The globals a new session starts with. Adding a global is one line here plus its class.</summary>
internal static class GlobalCatalogue
{
    // Takes the options because the globals still to come are configured per session (System's sandbox, Http's TLS
    // policy, Workspace's view of the server); Transcript and File need nothing yet.
    public static GlobalTable CreateFor(SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new GlobalTable(
        [
            new TranscriptGlobal(),
            new FileGlobal(),
        ]);
    }
}
