using Beamtalk.Conformance.Observation;

namespace Beamtalk.Conformance.SelfTests.Unit;

/// <summary>Effective modes: the requested mode under the umask in force, followed through umask() calls, forks and threads.</summary>
public sealed class UmaskTraceTests
{
    private const UnixFileMode Mask077 = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
    private const UnixFileMode Mask022 = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Lines as strace 6.1 writes them with -ff -ttt (one file per pid), from a shell running "umask 077; touch a; (umask 022; touch b)".</summary>
    private static UmaskTrace ShellTrace(UnixFileMode? start)
    {
        var trace = new UmaskTrace(start);
        trace.Add("1796691285.890616 umask(077)            = 022", 100);
        trace.Add("1796691285.890740 vfork()               = 101", 100);
        trace.Add("1796691285.902796 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f408d0b1a10) = 102", 100);
        trace.Add("1796691285.904878 umask(022)            = 077", 102);
        trace.Add("1796691285.950000 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f1, parent_tid=0x7f1, exit_signal=0, stack=0x7f0, stack_size=0x7fff00, tls=0x7f2} => {parent_tid=[103]}, 88) = 103", 102);
        trace.Add("1796691285.960000 umask(027)            = 022", 103);
        return trace;
    }

    [Fact]
    public void A_call_in_the_process_itself_is_the_umask_from_then_on()
    {
        var trace = ShellTrace(start: 0);

        Assert.Equal(((UnixFileMode)0, "the umask the kit started the command under"), trace.At(100, 1796691285.8900));
        Assert.Equal(Mask077, trace.At(100, 1796691285.8907)?.Mask);
        Assert.Contains("umask(0077) traced in pid 100", trace.At(100, 1796691285.8907)?.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forked_child_that_never_calls_umask_has_its_parents_at_the_fork()
    {
        var trace = ShellTrace(start: 0);

        Assert.Equal(Mask077, trace.At(101, 1796691285.9016)?.Mask);
        Assert.Equal(Mask077, trace.At(102, 1796691285.9040)?.Mask);
        Assert.Equal(Mask022, trace.At(102, 1796691285.9123)?.Mask);
        // The child's own call does not reach back into its parent.
        Assert.Equal(Mask077, trace.At(100, 1796691285.9500)?.Mask);
    }

    [Fact]
    public void Threads_created_with_CLONE_FS_share_one_umask_both_ways()
    {
        var trace = ShellTrace(start: 0);
        var mask027 = UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

        Assert.Equal(Mask022, trace.At(103, 1796691285.9550)?.Mask);
        Assert.Equal(mask027, trace.At(102, 1796691285.9700)?.Mask);
    }

    [Fact]
    public void Without_a_known_start_a_process_that_never_called_umask_is_unknown()
    {
        var trace = ShellTrace(start: null);

        Assert.Null(trace.At(100, 1796691285.8900));
        Assert.Equal(Mask077, trace.At(101, 1796691285.9016)?.Mask);
    }

    [Fact]
    public void A_creation_read_from_a_trace_folder_carries_its_effective_mode()
    {
        var folder = Directory.CreateTempSubdirectory("umask-trace-test-");
        try
        {
            File.WriteAllLines(Path.Combine(folder.FullName, "trace.100"),
            [
                "1796691285.890616 umask(077)            = 022",
                "1796691285.901618 openat(AT_FDCWD</w>, \"cookie\", O_WRONLY|O_CREAT|O_EXCL, 0666) = 3</w/cookie>",
                "1796691285.902000 mkdir(\"/w/sub\", 0777) = 0",
            ]);

            var (creations, _) = CreationTrace.Read(folder.FullName, startUmask: 0);

            var cookie = Assert.Single(creations, c => c.Path == "/w/cookie");
            Assert.Equal("0666", cookie.OctalMode);
            Assert.Equal("0600", cookie.OctalEffectiveMode);
            Assert.Equal("requested 0666 under umask 0077 (umask(0077) traced in pid 100): effective 0600", cookie.DescribeModes());
            Assert.Equal("0700", Assert.Single(creations, c => c.Path == "/w/sub").OctalEffectiveMode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A real trace: the kit starts the command under umask 000; the shell sets 077 and creates a file 0666 (effective
    /// 0600, which is fine), and a subshell sets 022 (effective 0644). What strace requested alone would call both 0666.
    /// </summary>
    [Fact]
    public async Task Strace_of_a_real_shell_gives_the_effective_modes_under_its_own_umask_calls()
    {
        if (!SyscallTracer.IsAvailable)
        {
            NeedsRoot.SkipWhenAbsent("strace is not installed");
        }

        var folder = Directory.CreateTempSubdirectory("umask-trace-run-");
        using var tracer = new SyscallTracer();
        try
        {
            // As the kit starts a traced command: the umask set in a shell that then execs strace.
            var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { WorkingDirectory = folder.FullName, UseShellExecute = false };
            foreach (var word in (string[])["-c", "umask 000 && exec \"$@\"", "sh", .. tracer.Prefix, "/bin/sh", "-c", "umask 077; : > private; (umask 022; : > shared); : > inherited-by-nothing"])
            {
                start.ArgumentList.Add(word);
            }

            using (var process = System.Diagnostics.Process.Start(start)!)
            {
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
                Assert.Equal(0, process.ExitCode);
            }

            var (creations, _) = CreationTrace.Read(tracer.Directory, startUmask: 0);

            string Effective(string name) => Assert.Single(creations, c => c.Path == Path.Combine(folder.FullName, name)).OctalEffectiveMode;
            Assert.Equal("0600", Effective("private"));
            Assert.Equal("0644", Effective("shared"));
            Assert.Equal("0600", Effective("inherited-by-nothing"));
            Assert.All(creations.Where(c => c.Path.StartsWith(folder.FullName, StringComparison.Ordinal)), c => Assert.Equal("0666", c.OctalMode));
            // The kit's own view of a file agrees with the effective mode the trace gave.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder.FullName, "private")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
