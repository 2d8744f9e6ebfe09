using System.Text.Json.Nodes;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;
using Beamtalk.Conformance.Wire.Protocol;

namespace Beamtalk.Conformance.SelfTests.Unit;

/// <summary>
/// The records read what a running reference actually sends. The reference writes its frames with its own code, so
/// this is the one place where the contract is held against an implementation the kit did not write. Handshake
/// frames must carry no field the record lacks; replies are compared as JSON (the reference orders fields its own way).
/// </summary>
public sealed class ReferenceWireTests
{
    [Fact]
    public async Task The_reference_speaks_the_documented_messages()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var cli = Path.Combine(AppContext.BaseDirectory, "beamtalk");
        Assert.SkipUnless(File.Exists(cli), $"the reference CLI is not next to the self-tests ({cli})");
        await using var instance = new Target(ReferenceTarget.Describe(cli)).NewInstance();
        await instance.StartAsync(cancellationToken);

        await using (var connection = await WireConnection.OpenAsync(instance.Port, cancellationToken))
        {
            AssertIsExactly<AuthRequired>(await TextAsync(connection, cancellationToken));
            await connection.SendTextAsync(new AuthRequest(instance.ReadCookie(), Client: "repl").ToJson(), cancellationToken);
            AssertIsExactly<AuthOk>(await TextAsync(connection, cancellationToken));
            var started = AssertIsExactly<SessionStarted>(await TextAsync(connection, cancellationToken));
            Assert.NotEmpty(started.Session);

            var value = await ExchangeAsync(connection, new EvalRequest("6 * 7") { Id = "live-1" }, cancellationToken);
            Assert.Equal(("live-1", false, "42"), (value.Id, value.IsError, value.Value));

            var error = await ExchangeAsync(connection, new EvalRequest("1 / 0") { Id = "live-2" }, cancellationToken);
            Assert.True(error.IsError && error.Error is { Length: > 0 } && error.Kind is { Length: > 0 }, error.ToJson());

            var listed = await ExchangeAsync(connection, new SessionsRequest { Id = "live-3" }, cancellationToken);
            Assert.Equal([started.Session], listed.Sessions);

            // The upstream quirk: a request the server cannot read is answered without an id.
            await connection.SendTextAsync("not json", cancellationToken);
            var unread = await ReplyAsync(connection, cancellationToken);
            Assert.Null(unread.Id);
            Assert.True(unread.IsError);
        }

        await using (var wrong = await WireConnection.OpenAsync(instance.Port, cancellationToken))
        {
            AssertIsExactly<AuthRequired>(await TextAsync(wrong, cancellationToken));
            await wrong.SendTextAsync(new AuthRequest("not-the-cookie").ToJson(), cancellationToken);
            Assert.Equal("Invalid cookie", AssertIsExactly<AuthError>(await TextAsync(wrong, cancellationToken)).Message);
            Assert.Equal(new WireEvent.Closed(1008, "Authentication failed"), await wrong.ReceiveAsync(WireConnection.DefaultTimeout, cancellationToken));
        }
    }

    private static T AssertIsExactly<T>(string text)
        where T : class
    {
        var message = ProtocolJson.Read<T>(text);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), JsonNode.Parse(ProtocolJson.Write(message))), $"{typeof(T).Name} does not hold all of {text}");
        return message;
    }

    private static async Task<Reply> ExchangeAsync(WireConnection connection, Request request, CancellationToken cancellationToken)
    {
        await connection.SendTextAsync(request.ToJson(), cancellationToken);
        var reply = await ReplyAsync(connection, cancellationToken);
        return reply;
    }

    private static async Task<Reply> ReplyAsync(WireConnection connection, CancellationToken cancellationToken)
    {
        var text = await TextAsync(connection, cancellationToken);
        var reply = Reply.Parse(text);
        Assert.True(reply.IsDone, text);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), JsonNode.Parse(reply.ToJson())), $"the reply has fields the record lacks: {text}");
        return reply;
    }

    private static async Task<string> TextAsync(WireConnection connection, CancellationToken cancellationToken)
    {
        var received = await connection.ReceiveAsync(WireConnection.DefaultTimeout, cancellationToken);
        return Assert.IsType<WireEvent.Text>(received).Content;
    }
}
