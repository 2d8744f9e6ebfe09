using Beamtalk.Conformance.Observation;

namespace Beamtalk.Conformance.SelfTests.Unit;

public sealed class WriteTraceTests
{
    [Theory]
    [InlineData("""1700000000.123456 openat(AT_FDCWD</w>, "/w/cookie", O_WRONLY|O_TRUNC) = 3</w/cookie>""", "/w/cookie", "O_WRONLY|O_TRUNC")]
    [InlineData("""1700000000.123456 openat(AT_FDCWD</w>, "port", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = 51</w/port>""", "/w/port", "O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC")]
    [InlineData("""1700000000.123456 open("/w/cookie", O_RDWR) = 4</w/cookie>""", "/w/cookie", "O_RDWR")]
    [InlineData("""1700000000.123456 openat(AT_FDCWD</w>, "/w/log", O_WRONLY|O_APPEND|O_CLOEXEC) = 5</w/log>""", "/w/log", "O_WRONLY|O_APPEND|O_CLOEXEC")]
    public void An_open_that_can_change_the_file_is_a_write_at_its_own_name(string line, string path, string flags)
    {
        var open = WriteTrace.Parse(line, 42);

        Assert.NotNull(open);
        Assert.Equal(path, open.Path);
        Assert.Equal(flags, open.Flags);
        Assert.Equal(42, open.Pid);
    }

    [Theory]
    [InlineData("""1700000000.123456 openat(AT_FDCWD</w>, "/w/cookie", O_RDONLY|O_CLOEXEC) = 3</w/cookie>""")]
    [InlineData("""1700000000.123456 openat(AT_FDCWD</w>, "/w/cookie", O_WRONLY|O_TRUNC) = -1 EACCES (Permission denied)""")]
    [InlineData("""1700000000.123456 renameat2(AT_FDCWD</w>, ".cookie.tmp", AT_FDCWD</w>, "cookie", 0) = 0""")]
    public void Reads_failed_opens_and_renames_are_not_writes_in_place(string line) =>
        Assert.Null(WriteTrace.Parse(line, 42));
}
