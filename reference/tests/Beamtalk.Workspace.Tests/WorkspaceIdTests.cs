using Beamtalk.Workspace.Diagnostics;
using Beamtalk.Workspace.Storage;

namespace Beamtalk.Workspace.Tests;

public sealed class WorkspaceIdTests
{
    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData("name with space")]
    [InlineData(".hidden")]
    public void Names_that_could_escape_the_workspaces_folder_are_refused(string name)
    {
        var error = Assert.Throws<WorkspaceException>(() => WorkspaceId.Parse(name));

        Assert.Equal(WorkspaceErrorCodes.InvalidName, error.Code);
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("my_project-2")]
    public void Plain_names_are_accepted(string name) => Assert.Equal(name, WorkspaceId.Parse(name).Value);

    [Fact]
    public void The_default_id_is_12_hex_characters_of_the_project_path_hash()
    {
        var id = WorkspaceId.FromProjectPath("/srv/project");

        Assert.Matches("^[0-9a-f]{12}$", id.Value);
        Assert.Equal(id, WorkspaceId.FromProjectPath("/srv/project/"));
        Assert.NotEqual(id, WorkspaceId.FromProjectPath("/srv/other"));
    }
}
