namespace Beamtalk.Language.Tests;

public sealed class WorkspaceGlobalTests
{
    [Fact]
    public void Without_a_workspace_the_global_says_so()
    {
        Assert.Equal(ErrorKinds.NoWorkspace, new Repl().Error("Workspace info").Kind);
    }

    [Fact]
    public void Info_sessions_and_rotation_go_through_the_workspace()
    {
        var workspace = new FakeWorkspace();
        var repl = new Repl(workspace: workspace);
        Assert.Equal("\"workspace: w1, pid: 42\"", repl.Value("Workspace info"));
        Assert.Equal("#(\"s-1\" \"s-2\")", repl.Value("Workspace sessions"));
        Assert.Equal("1", repl.Value("Workspace rotateCookie"));
        Assert.Equal(1, workspace.Rotations);
    }

    private sealed class FakeWorkspace : IWorkspaceControl
    {
        public int Rotations { get; private set; }

        public IReadOnlyList<KeyValuePair<string, string>> Info() => [new("workspace", "w1"), new("pid", "42")];

        public IReadOnlyList<string> SessionIds() => ["s-1", "s-2"];

        public int RotateCookie() => ++Rotations;
    }
}
