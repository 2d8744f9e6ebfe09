namespace Beamtalk.Language.Tests;

/// <summary>Tests that change process-wide environment variables; they run alone, after the parallel tests.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;

[Collection(typeof(ProcessEnvironmentCollection))]
public sealed class TemporaryDirectoryTests : IDisposable
{
    private readonly string? _originalTmpdir = Environment.GetEnvironmentVariable("TMPDIR");

    public void Dispose() => Environment.SetEnvironmentVariable("TMPDIR", _originalTmpdir);

    [Fact]
    public void Temp_directory_honours_TMPDIR()
    {
        Environment.SetEnvironmentVariable("TMPDIR", "/var/tmp/beamtalk-elsewhere");

        Assert.Equal("\"/var/tmp/beamtalk-elsewhere\"", new Repl().Value("File tempDirectory"));
    }

    [Fact]
    public void Temp_directory_is_slash_tmp_when_TMPDIR_is_unset()
    {
        Environment.SetEnvironmentVariable("TMPDIR", null);

        Assert.Equal("\"/tmp\"", new Repl().Value("File tempDirectory"));
    }
}
