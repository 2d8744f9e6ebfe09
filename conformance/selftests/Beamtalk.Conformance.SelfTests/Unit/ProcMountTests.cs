using Beamtalk.Conformance.Observation;

namespace Beamtalk.Conformance.SelfTests.Unit;

public sealed class ProcMountTests
{
    [Fact]
    public void A_plain_proc_mount_has_no_hidepid_and_says_every_user_reads_command_lines()
    {
        var mount = ProcMount.Parse(["21 26 0:20 / /proc rw,relatime - proc proc rw"]);

        Assert.NotNull(mount);
        Assert.Null(mount.HidePid);
        Assert.False(mount.HidesOthersProcesses);
        Assert.Contains("without hidepid", mount.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hidepid=invisible", "invisible", true)]
    [InlineData("hidepid=2", "2", true)]
    [InlineData("hidepid=noaccess", "noaccess", true)]
    [InlineData("hidepid=ptraceable", "ptraceable", false)]
    public void Hidepid_is_read_from_the_superblock_options(string option, string value, bool hides)
    {
        // Optional fields (shared:N) sit between the mount options and the separator.
        var mount = ProcMount.Parse(["1 2 0:5 / /sys rw - sysfs sysfs rw", $"21 26 0:20 / /proc rw,nosuid shared:12 - proc proc rw,{option},subset=pid"]);

        Assert.NotNull(mount);
        Assert.Equal(value, mount.HidePid);
        Assert.Equal("pid", mount.Subset);
        Assert.Equal(hides, mount.HidesOthersProcesses);
    }

    [Fact]
    public void The_last_mount_over_proc_wins_and_other_mount_points_are_ignored()
    {
        var mount = ProcMount.Parse(
        [
            "21 26 0:20 / /proc rw - proc proc rw",
            "30 21 0:21 / /proc/sys/fs/binfmt_misc rw - binfmt_misc binfmt_misc rw",
            "40 26 0:22 / /proc rw - proc proc rw,hidepid=invisible",
        ]);

        Assert.Equal("invisible", mount?.HidePid);
        Assert.Null(ProcMount.Parse(["1 2 0:5 / /sys rw - sysfs sysfs rw"]));
    }
}
