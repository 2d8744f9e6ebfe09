namespace Beamtalk.Language.Tests;

/// <summary>The ADR 0063 File operations beyond read and write: the OS decides, and its answer comes back as a kind.</summary>
public sealed class FileOperationsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("beamtalk-file-ops-");
    private readonly Repl _repl = new();

    public FileOperationsTests()
    {
        _repl.Value($"d := \"{_directory.FullName}\"");
    }

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void The_adr_0063_session_composes_temp_directory_with_every_operation()
    {
        Assert.Equal("Result ok: true", _repl.Value("File mkdir: d ++ \"/myapp\""));
        Assert.Equal("Result ok: true", _repl.Value("File writeAll: d ++ \"/myapp/out.txt\" contents: \"hello\nworld\n\""));
        Assert.Equal("Result ok: #(\"hello\" \"world\")", _repl.Value("File lines: d ++ \"/myapp/out.txt\""));
        Assert.Equal("Result ok: #(\"out.txt\")", _repl.Value("File listDirectory: d ++ \"/myapp\""));
        Assert.Equal("Result ok: true", _repl.Value("File rename: d ++ \"/myapp/out.txt\" to: d ++ \"/myapp/moved.txt\""));
        Assert.Equal("false", _repl.Value("File exists: d ++ \"/myapp/out.txt\""));
        Assert.Equal("true", _repl.Value("File isFile: d ++ \"/myapp/moved.txt\""));
        Assert.Equal("Result ok: true", _repl.Value("File mkdirAll: d ++ \"/myapp/a/b/c\""));
        Assert.Equal("true", _repl.Value("File isDirectory: d ++ \"/myapp/a/b/c\""));
        Assert.Equal("Result ok: true", _repl.Value("File delete: d ++ \"/myapp/a/b/c/../../../moved.txt\""));
        Assert.Equal("Result ok: true", _repl.Value("File deleteAll: d ++ \"/myapp\""));
        Assert.Equal("false", _repl.Value("File exists: d ++ \"/myapp\""));
    }

    [Theory]
    [InlineData("File delete: d ++ \"/missing\"", "not_found")]
    [InlineData("File delete: d", "is_directory")]
    [InlineData("File mkdir: d", "already_exists")]
    [InlineData("File mkdir: d ++ \"/no/such/parent\"", "not_found")]
    [InlineData("File mkdir: d ++ \"/f.txt/child\"", "not_directory")]
    [InlineData("File mkdirAll: d ++ \"/f.txt/child\"", "not_directory")]
    [InlineData("File mkdirAll: d ++ \"/f.txt\"", "already_exists")]
    [InlineData("File listDirectory: d ++ \"/f.txt\"", "not_directory")]
    [InlineData("File listDirectory: d ++ \"/missing\"", "not_found")]
    [InlineData("File rename: d ++ \"/missing\" to: d ++ \"/x\"", "not_found")]
    [InlineData("File rename: d ++ \"/f.txt\" to: d", "is_directory")]
    [InlineData("File deleteAll: d ++ \"/missing\"", "not_found")]
    [InlineData("File lines: d", "is_directory")]
    [InlineData("File readAll: d ++ \"/f.txt/child\"", "not_directory")]
    public void Failures_carry_the_kind_the_os_gave(string code, string kind)
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "f.txt"), "x");

        var error = _repl.Error(code);

        Assert.Equal(kind, error.Kind);
        Assert.DoesNotContain("invalid_path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absolute_path_keeps_an_absolute_path_and_anchors_a_relative_one_at_cwd()
    {
        Assert.Equal("Result ok: \"/already/../absolute\"", _repl.Value("File absolutePath: \"/already/../absolute\""));
        Assert.Equal($"Result ok: \"{Path.Join(Environment.CurrentDirectory, "rel")}\"", _repl.Value("File absolutePath: \"rel\""));
        Assert.Equal($"\"{Environment.CurrentDirectory}\"", _repl.Value("File cwd"));
    }

    [Fact]
    public void Delete_removes_a_symbolic_link_to_a_directory_not_the_directory()
    {
        var target = Directory.CreateDirectory(Path.Combine(_directory.FullName, "kept"));
        File.CreateSymbolicLink(Path.Combine(_directory.FullName, "link"), target.FullName);

        Assert.Equal("Result ok: true", _repl.Value("File delete: d ++ \"/link\""));
        Assert.True(target.Exists);
    }
}
