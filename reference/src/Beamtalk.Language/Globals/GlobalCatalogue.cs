namespace Beamtalk.Language.Globals;

/// <summary>The globals a new session starts with. Adding a global is one line here plus its class.</summary>
internal static class GlobalCatalogue
{
    // Takes the options because globals are configured per session (System obeys --no-subprocess).
    public static GlobalTable CreateFor(SessionOptions options, IWorkspaceControl? workspace = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var system = new SystemGlobal(options.SubprocessesAllowed);
        return new GlobalTable(
        [
            new TranscriptGlobal(),
            new FileGlobal(),
            system,
            new ErlangGlobal(),
            new ActorGlobal(),
            new WorkspaceGlobal(workspace),
            new HttpGlobal(options.HttpTestRoots),
            new PythonGlobal(system),
        ]);
    }
}
