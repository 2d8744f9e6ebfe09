using Beamtalk.Language.Globals;

namespace Beamtalk.Language.Tests;

/// <summary>
/// The mapping from .NET exceptions to error kinds, for the cases a test running as root cannot provoke for real.
/// </summary>
public sealed class FileFailureTests
{
    [Fact]
    public void Access_denied_on_something_that_is_not_a_directory_is_permission_denied()
    {
        Assert.Equal(ErrorKinds.PermissionDenied, FileFailure.KindOf(new UnauthorizedAccessException(), "/nonexistent/secret"));
    }

    [Theory]
    [InlineData(1, "permission_denied")]
    [InlineData(13, "permission_denied")]
    [InlineData(2, "not_found")]
    [InlineData(17, "already_exists")]
    [InlineData(20, "not_directory")]
    [InlineData(21, "is_directory")]
    [InlineData(28, "io_error")]
    public void Errno_carried_by_an_IOException_maps_to_its_kind(int errno, string kind)
    {
        Assert.Equal(kind, FileFailure.KindOf(new IOException("failed", errno), "/nonexistent/path"));
    }

    [Fact]
    public void Empty_path_is_not_found_as_the_operating_system_would_say()
    {
        Assert.Equal(ErrorKinds.NotFound, FileFailure.KindOf(new ArgumentException("empty"), ""));
        Assert.Equal(ErrorKinds.NotFound, new Repl().Error("File readAll: \"\"").Kind);
    }

    [Fact]
    public void Path_the_platform_cannot_represent_is_io_error()
    {
        Assert.Equal(ErrorKinds.IoError, new Repl().Error("File readAll: \"bad\\tname\u0000\"").Kind);
    }
}
