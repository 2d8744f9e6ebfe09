using Beamtalk.Workspace.Storage;

namespace Beamtalk.Workspace.Tests;

public sealed class CookieComparerTests
{
    private const string Cookie = "q1fZ0nB3x8vJm2Kp4Ls6Tr9Uw5Yz7Ac1De3Fg5Hi7Jk";

    [Fact]
    public void The_same_value_matches() => Assert.True(CookieComparer.FixedTimeEquals(Cookie, Cookie));

    [Theory]
    [InlineData("")]
    [InlineData("q1fZ0nB3x8vJm2Kp4Ls6Tr9Uw5Yz7Ac1De3Fg5Hi7J")]
    [InlineData("q1fZ0nB3x8vJm2Kp4Ls6Tr9Uw5Yz7Ac1De3Fg5Hi7Jk ")]
    [InlineData("Q1fZ0nB3x8vJm2Kp4Ls6Tr9Uw5Yz7Ac1De3Fg5Hi7Jk")]
    [InlineData("q1fZ0nB3x8vJm2Kp4Ls6Tr9Uw5Yz7Ac1De3Fg5Hi7Jkq1fZ0nB3x8vJm2Kp4Ls6Tr9Uw5Yz7Ac1De3Fg5Hi7Jk")]
    [InlineData("q1fZ0nB3x8vJm2Kp4Ls6Tr9Uw5Yz7Ac1De3Fg5Hi7J\u043A")]
    public void Any_other_value_does_not_match(string presented) => Assert.False(CookieComparer.FixedTimeEquals(Cookie, presented));
}
