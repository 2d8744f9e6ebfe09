using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.SelfTests.Unit;

public sealed class PlaceholdersTests
{
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["home"] = "/tmp/home-1",
        ["workspace"] = "conf-0123456789",
        ["workspaceDir"] = "/tmp/home-1/ws/conf-0123456789",
        ["targetDir"] = "/opt/target",
    };

    [Theory]
    [InlineData("{home}/.beamtalk", "/tmp/home-1/.beamtalk")]
    [InlineData("{workspace}", "conf-0123456789")]
    [InlineData("{workspaceDir}/cookie", "/tmp/home-1/ws/conf-0123456789/cookie")]
    [InlineData("{targetDir}/bin/ws", "/opt/target/bin/ws")]
    [InlineData("--name={workspace}@{home}", "--name=conf-0123456789@/tmp/home-1")]
    [InlineData("{workspace}{workspace}", "conf-0123456789conf-0123456789")]
    public void Known_placeholders_are_replaced_by_their_values(string word, string expected) =>
        Assert.Equal(expected, Placeholders.Expand(word, Values));

    [Theory]
    [InlineData("")]
    [InlineData("workspace start")]
    [InlineData("1 + 2")]
    [InlineData("#{1. 2. 3}")]
    [InlineData("{}")]
    public void A_word_without_placeholders_is_unchanged(string word) =>
        Assert.Equal(word, Placeholders.Expand(word, Values));

    [Fact]
    public void A_value_is_not_expanded_again()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["home"] = "{workspace}" };

        Assert.Equal("{workspace}/x", Placeholders.Expand("{home}/x", values));
    }

    [Fact]
    public void A_set_environment_variable_is_replaced_by_its_value()
    {
        var name = $"BEAMTALK_UNIT_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, "/usr/local/bin/ws");
        try
        {
            Assert.Equal("/usr/local/bin/ws --verbose", Placeholders.Expand($"{{env:{name}}} --verbose", Values));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void An_unset_environment_variable_is_an_error_naming_it()
    {
        var name = $"BEAMTALK_UNIT_UNSET_{Guid.NewGuid():N}";

        var error = Assert.Throws<TargetFileException>(() => Placeholders.Expand($"{{env:{name}}}/bin", Values));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains("not set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{homeDir}/x", "{homeDir}")]
    [InlineData("{HOME}", "{HOME}")]
    [InlineData("{workspace}-{port}", "{port}")]
    [InlineData("{foo:bar}", "{foo:bar}")]
    public void An_unknown_placeholder_is_an_error_never_left_as_text(string word, string placeholder)
    {
        var error = Assert.Throws<TargetFileException>(() => Placeholders.Expand(word, Values));

        Assert.Contains($"unknown placeholder {placeholder}", error.Message, StringComparison.Ordinal);
        Assert.Contains(word, error.Message, StringComparison.Ordinal);
    }
}
