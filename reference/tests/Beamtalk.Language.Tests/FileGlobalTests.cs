namespace Beamtalk.Language.Tests;

public sealed class FileGlobalTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("beamtalk-language-tests-");
    private readonly Repl _repl = new();

    public void Dispose() => _directory.Delete(recursive: true);

    private string PathTo(string name) => Path.Combine(_directory.FullName, name);

    private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [Fact]
    public void Write_then_read_round_trips_through_the_file_system()
    {
        var path = PathTo("greeting.txt");

        Assert.Equal("Result ok: true", _repl.Value($"File writeAll: {Quoted(path)} contents: \"hello\""));
        Assert.Equal("hello", File.ReadAllText(path));
        Assert.Equal("Result ok: \"hello\"", _repl.Value($"File readAll: {Quoted(path)}"));
    }

    [Fact]
    public void Contents_round_trip_as_utf8_with_quotes_and_new_lines()
    {
        _repl.Value($"p := {Quoted(PathTo("text.txt"))}");
        _repl.Value("File writeAll: p contents: \"line \\\"one\\\"\\nzwei \u00fc\"");

        Assert.Equal("Result ok: \"line \\\"one\\\"\\nzwei \u00fc\"", _repl.Value("File readAll: p"));
        Assert.Equal("17", _repl.Value("(File readAll: p) value size"));
    }

    [Fact]
    public void Exists_answers_a_plain_boolean_for_files_directories_and_missing_paths()
    {
        File.WriteAllText(PathTo("present.txt"), "x");

        Assert.Equal("true", _repl.Value($"File exists: {Quoted(PathTo("present.txt"))}"));
        Assert.Equal("true", _repl.Value($"File exists: {Quoted(_directory.FullName)}"));
        Assert.Equal("false", _repl.Value($"File exists: {Quoted(PathTo("absent.txt"))}"));
    }

    [Fact]
    public void Reading_a_missing_file_is_not_found_with_the_path_in_the_message()
    {
        var missing = PathTo("missing.txt");

        var error = _repl.Error($"File readAll: {Quoted(missing)}");

        Assert.Equal(ErrorKinds.NotFound, error.Kind);
        Assert.Equal($"not_found: {missing}", error.Message);
    }

    [Fact]
    public void Reading_a_path_under_a_missing_root_directory_is_not_found()
    {
        Assert.Equal("not_found: /nonexistent/file", _repl.Error("File readAll: \"/nonexistent/file\"").Message);
    }

    [Fact]
    public void Writing_into_a_missing_directory_is_not_found()
    {
        Assert.Equal(ErrorKinds.NotFound, _repl.Error($"File writeAll: {Quoted(PathTo("no-such-dir/file.txt"))} contents: \"x\"").Kind);
    }

    [Fact]
    public void Reading_or_writing_a_directory_is_is_directory()
    {
        var path = Quoted(_directory.FullName);

        Assert.Equal(ErrorKinds.IsDirectory, _repl.Error($"File readAll: {path}").Kind);
        Assert.Equal(ErrorKinds.IsDirectory, _repl.Error($"File writeAll: {path} contents: \"x\"").Kind);
    }

    [Fact]
    public void Using_a_file_as_a_directory_is_not_directory()
    {
        File.WriteAllText(PathTo("plain.txt"), "x");

        Assert.Equal(ErrorKinds.NotDirectory, _repl.Error($"File readAll: {Quoted(PathTo("plain.txt/child"))}").Kind);
        Assert.Equal(ErrorKinds.NotDirectory, _repl.Error($"File writeAll: {Quoted(PathTo("plain.txt/child"))} contents: \"x\"").Kind);
    }

    [Fact]
    public void Dot_dot_segments_are_resolved_by_the_operating_system()
    {
        Directory.CreateDirectory(PathTo("sub"));

        Assert.Equal("Result ok: true", _repl.Value($"File writeAll: {Quoted(PathTo("sub/../escaped.txt"))} contents: \"up\""));
        Assert.Equal("up", File.ReadAllText(PathTo("escaped.txt")));
        Assert.Equal("Result ok: \"up\"", _repl.Value($"File readAll: {Quoted(PathTo("sub/../sub/../escaped.txt"))}"));
    }

    [Fact]
    public void Absolute_paths_outside_any_workspace_directory_are_allowed()
    {
        var absolute = Path.GetFullPath(PathTo("absolute.txt"));
        Assert.True(Path.IsPathRooted(absolute));

        Assert.Equal("Result ok: true", _repl.Value($"File writeAll: {Quoted(absolute)} contents: \"abs\""));
        Assert.Equal("Result ok: \"abs\"", _repl.Value($"File readAll: {Quoted(absolute)}"));
    }

    [Fact]
    public void Paths_can_be_built_from_the_temp_directory()
    {
        var expected = Environment.GetEnvironmentVariable("TMPDIR") is { Length: > 0 } configured ? configured : "/tmp";

        Assert.Equal(Quoted(expected), _repl.Value("File tempDirectory"));
        Assert.Equal("true", _repl.Value("File exists: File tempDirectory"));
    }

    [Fact]
    public void Result_answers_its_value()
    {
        File.WriteAllText(PathTo("v.txt"), "abc");

        Assert.Equal("3", _repl.Value($"(File readAll: {Quoted(PathTo("v.txt"))}) value size"));
        Assert.Equal("true", _repl.Value($"(File readAll: {Quoted(PathTo("v.txt"))}) isOk"));
    }

    [Fact]
    public void Reading_more_than_the_string_limit_stops_with_memory_limit()
    {
        File.WriteAllText(PathTo("big.txt"), new string('x', 2_000));
        var repl = new Repl(new SessionOptions { MaxStringLength = 1_000 });

        Assert.Equal(ErrorKinds.MemoryLimit, repl.Error($"File readAll: {Quoted(PathTo("big.txt"))}").Kind);
    }

    [Fact]
    public void Path_must_be_a_string()
    {
        Assert.Equal("type_error: File>>readAll: expects a String, got Integer", _repl.Error("File readAll: 3").Message);
    }
}
