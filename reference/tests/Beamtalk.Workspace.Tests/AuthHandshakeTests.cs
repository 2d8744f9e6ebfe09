using Beamtalk.Workspace.Server;
using Beamtalk.Workspace.Storage;

namespace Beamtalk.Workspace.Tests;

public sealed class AuthHandshakeTests : IDisposable
{
    private readonly TemporaryHome _home = new();
    private readonly WorkspaceCookie _cookie;

    public AuthHandshakeTests() => _cookie = _home.Create("demo").ReadCookie();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void The_real_cookie_is_accepted_with_its_client_kind()
    {
        var decision = AuthHandshake.Decide($$"""{"type":"auth","cookie":"{{_cookie.Reveal()}}","client":"lsp"}""", _cookie);

        Assert.Equal(AuthOutcome.Accepted, decision.Outcome);
        Assert.Equal("lsp", decision.Client);
    }

    [Fact]
    public void An_unknown_client_kind_becomes_unknown()
    {
        var decision = AuthHandshake.Decide($$"""{"type":"auth","cookie":"{{_cookie.Reveal()}}","client":"<script>"}""", _cookie);

        Assert.Equal("unknown", decision.Client);
    }

    [Theory]
    [InlineData("""{"type":"auth","cookie":"wrong"}""", "WrongCookie")]
    [InlineData("""{"type":"auth","cookie":""}""", "WrongCookie")]
    [InlineData("""{"type":"auth","cookie":12}""", "NotAnAuthMessage")]
    [InlineData("""{"type":"auth","cookie":null}""", "NotAnAuthMessage")]
    [InlineData("""{"type":"auth"}""", "NotAnAuthMessage")]
    [InlineData("""{"op":"eval","code":"1"}""", "NotAnAuthMessage")]
    [InlineData("""[1,2]""", "NotAnAuthMessage")]
    [InlineData("""1e999""", "NotAnAuthMessage")]
    [InlineData("""{"type":"auth","cookie":1e999}""", "NotAnAuthMessage")]
    [InlineData("""{"type":"auth","cookie":"\uD800"}""", "Malformed")]
    [InlineData("""{"type":"auth","cookie":""", "Malformed")]
    [InlineData("""not json""", "Malformed")]
    [InlineData("", "Malformed")]
    public void Everything_else_is_rejected_with_the_protocol_reason(string message, string expected) =>
        Assert.Equal(Enum.Parse<AuthOutcome>(expected), AuthHandshake.Decide(message, _cookie).Outcome);

    [Fact]
    public void Deeply_nested_json_is_malformed_rather_than_a_crash()
    {
        var nested = new string('[', 10_000) + new string(']', 10_000);

        Assert.Equal(AuthOutcome.Malformed, AuthHandshake.Decide(nested, _cookie).Outcome);
    }
}
