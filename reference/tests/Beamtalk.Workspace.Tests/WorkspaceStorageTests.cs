using Beamtalk.Workspace.Diagnostics;
using Beamtalk.Workspace.Storage;

namespace Beamtalk.Workspace.Tests;

public sealed class WorkspaceStorageTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerAll = OwnerReadWrite | UnixFileMode.UserExecute;

    [Fact]
    public void Create_makes_an_owner_only_folder_and_cookie()
    {
        using var temporary = new TemporaryHome();
        var workspace = temporary.Create("demo");

        Assert.Equal(OwnerAll, File.GetUnixFileMode(workspace.Path));
        Assert.Equal(OwnerAll, File.GetUnixFileMode(temporary.Home.Root));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(workspace.CookiePath));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(workspace.MetadataPath));
    }

    [Fact]
    public void A_cookie_is_43_characters_of_base64url_holding_256_bits()
    {
        using var temporary = new TemporaryHome();
        var text = File.ReadAllText(temporary.Create("demo").CookiePath);

        Assert.Equal(43, text.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", text);
    }

    [Fact]
    public void Cookies_of_two_workspaces_differ()
    {
        using var temporary = new TemporaryHome();
        var first = File.ReadAllText(temporary.Create("one").CookiePath);
        var second = File.ReadAllText(temporary.Create("two").CookiePath);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Creating_an_existing_workspace_is_refused_and_keeps_its_cookie()
    {
        using var temporary = new TemporaryHome();
        var workspace = temporary.Create("demo");
        var before = File.ReadAllText(workspace.CookiePath);

        var error = Assert.Throws<WorkspaceException>(() => temporary.Create("demo"));

        Assert.Equal(WorkspaceErrorCodes.AlreadyExists, error.Code);
        Assert.Equal(before, File.ReadAllText(workspace.CookiePath));
    }

    [Fact]
    public void A_cookie_readable_by_others_is_refused_without_revealing_it()
    {
        using var temporary = new TemporaryHome();
        var workspace = temporary.Create("demo");
        var secret = File.ReadAllText(workspace.CookiePath);
        File.SetUnixFileMode(workspace.CookiePath, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<WorkspaceException>(workspace.ReadCookie);

        Assert.Equal(WorkspaceErrorCodes.CookieTooBroad, error.Code);
        Assert.StartsWith("BT-106: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("too-short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    public void A_malformed_cookie_file_is_refused(string content)
    {
        using var temporary = new TemporaryHome();
        var workspace = temporary.Create("demo");
        File.WriteAllText(workspace.CookiePath, content);

        var error = Assert.Throws<WorkspaceException>(workspace.ReadCookie);

        Assert.Equal(WorkspaceErrorCodes.CookieInvalid, error.Code);
    }

    [Fact]
    public void Corrupt_metadata_is_reported_and_left_in_place()
    {
        using var temporary = new TemporaryHome();
        var workspace = temporary.Create("demo");
        File.WriteAllText(workspace.MetadataPath, "{not json");

        var error = Assert.Throws<WorkspaceException>(workspace.ReadMetadata);

        Assert.Equal(WorkspaceErrorCodes.CorruptMetadata, error.Code);
        Assert.Equal("{not json", File.ReadAllText(workspace.MetadataPath));
    }

    [Fact]
    public void A_folder_others_can_enter_is_refused()
    {
        using var temporary = new TemporaryHome();
        var workspace = temporary.Create("demo");
        File.SetUnixFileMode(workspace.Path, OwnerAll | UnixFileMode.OtherExecute);

        var error = Assert.Throws<WorkspaceException>(workspace.EnsureUsable);

        Assert.Equal(WorkspaceErrorCodes.DirectoryTooBroad, error.Code);
    }

    [Fact]
    public void An_unknown_workspace_is_reported_with_where_it_was_looked_for()
    {
        using var temporary = new TemporaryHome();
        var workspace = temporary.Home.Workspace(WorkspaceId.Parse("missing"));

        var error = Assert.Throws<WorkspaceException>(workspace.EnsureUsable);

        Assert.Equal(WorkspaceErrorCodes.NoSuchWorkspace, error.Code);
        Assert.Contains(workspace.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Atomic_writes_leave_no_temporary_files_and_stay_owner_only()
    {
        using var temporary = new TemporaryHome();
        var workspace = temporary.Create("demo");

        workspace.WritePortFile(41234, "nonce");
        workspace.WritePortFile(41235, "nonce2");

        Assert.Equal((41235, "nonce2"), workspace.ReadPortFile());
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(workspace.PortPath));
        Assert.DoesNotContain(Directory.EnumerateFiles(workspace.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }
}
