using Beamtalk.Conformance.SelfTests.Architecture;
using Beamtalk.Conformance.Wire.Protocol;

namespace Beamtalk.Conformance.SelfTests.Unit;

/// <summary>
/// The records against docs/protocol.md: each example there is what the record writes, byte for byte, and reads back
/// to the same bytes. Byte for byte matters: the kit's frames must stay what the checks were calibrated with.
/// </summary>
public sealed class ProtocolRoundTripTests
{
    private const string FakeCookie = "not-a-real-cookie";

    public static TheoryData<string, object> Documented => new()
    {
        { """{"op":"auth-required"}""", new AuthRequired() },
        { """{"type":"auth","cookie":"not-a-real-cookie"}""", new AuthRequest(FakeCookie) },
        { """{"type":"auth","cookie":"not-a-real-cookie","client":"repl","resume":"s-1"}""", new AuthRequest(FakeCookie, "repl", "s-1") },
        { """{"type":"auth_ok"}""", new AuthOk() },
        { """{"op":"session-started","session":"s-1"}""", new SessionStarted("s-1") },
        { """{"type":"auth_error","message":"Invalid cookie"}""", new AuthError("Invalid cookie") },
        { """{"op":"eval","code":"6 * 7","id":"kit-1"}""", new EvalRequest("6 * 7") { Id = "kit-1" } },
        { """{"op":"load-source","source":"Object subclass: Counter","id":"kit-2"}""", new LoadSourceRequest("Object subclass: Counter") { Id = "kit-2" } },
        { """{"op":"sessions","id":"kit-3"}""", new SessionsRequest { Id = "kit-3" } },
        { """{"op":"shutdown","cookie":"not-a-real-cookie","id":"kit-4"}""", new ShutdownRequest(FakeCookie) { Id = "kit-4" } },
        { """{"op":"interrupt","id":"kit-5"}""", new InterruptRequest { Id = "kit-5" } },
        { """{"op":"close","id":"kit-6"}""", new CloseRequest { Id = "kit-6" } },
        { """{"id":"kit-1","status":["done"],"value":"42"}""", Reply.To("kit-1") with { Value = "42" } },
        { """{"id":"kit-1","status":["done"],"value":"nil","output":"hello"}""", Reply.To("kit-1") with { Value = "nil", Output = "hello" } },
        { """{"id":"kit-1","status":["done","error"],"error":"zero_divide: division by zero","kind":"zero_divide"}""", (Reply.To("kit-1") with { Kind = "zero_divide" }).Failing("zero_divide: division by zero") },
        { """{"id":"kit-3","status":["done"],"sessions":["s-1","s-2"]}""", Reply.To("kit-3") with { Sessions = ["s-1", "s-2"] } },
        { """{"id":"kit-5","status":["done"],"interrupted":false}""", Reply.To("kit-5") with { Interrupted = false } },
        { """{"id":"kit-4","status":["done","error"],"error":"Invalid cookie"}""", Reply.To("kit-4").Failing("Invalid cookie") },
        { """{"status":["done","error"],"error":"Malformed message"}""", Reply.To(null).Failing("Malformed message") },
    };

    [Theory, MemberData(nameof(Documented))]
    public void Each_documented_example_is_in_docs_protocol_md(string wire, object message)
    {
        _ = message;
        var document = File.ReadAllText(Path.Combine(Repository.Root, "docs", "protocol.md"));
        Assert.Contains($"```json\n{wire}\n```", document, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Documented))]
    public void The_record_writes_exactly_the_documented_text(string wire, object message) =>
        Assert.Equal(wire, ProtocolJson.Write(message));

    [Theory, MemberData(nameof(Documented))]
    public void The_documented_text_reads_back_to_the_same_text(string wire, object message) =>
        Assert.Equal(wire, ProtocolJson.Write(ProtocolJson.Read(wire, message.GetType())));

    [Fact]
    public void A_reply_reads_its_status_and_fields()
    {
        var reply = Reply.Parse("""{"id":"kit-1","status":["done","error"],"error":"not_found: /x","kind":"not_found"}""");
        Assert.True(reply.IsDone);
        Assert.True(reply.IsError);
        Assert.Equal("kit-1", reply.Id);
        Assert.Equal("not_found: /x", reply.Error);
        Assert.Equal("not_found", reply.Kind);
    }

    [Fact]
    public void An_error_without_an_id_reads_with_no_id()
    {
        var reply = Reply.Parse("""{"status":["done","error"],"error":"Malformed message"}""");
        Assert.Null(reply.Id);
        Assert.True(reply.IsError);
    }

    [Fact]
    public void A_value_of_another_json_type_reads_as_its_text()
    {
        Assert.Equal("3", Reply.Parse("""{"id":"a","status":["done"],"value":3}""").Value);
        Assert.Equal("""{"a":[1,2]}""", Reply.Parse("""{"id":"a","status":["done"],"value":{"a":[1,2]}}""").Value);
    }

    [Fact]
    public void Unknown_fields_and_frames_between_replies_do_not_count_as_a_reply()
    {
        var chunk = Reply.Parse("""{"op":"out","id":"kit-1","out":"partial"}""");
        Assert.False(chunk.IsDone);
        Assert.Null(chunk.Value);
    }

    [Fact]
    public void The_kit_writes_with_the_default_encoder_as_before_the_records()
    {
        // What JsonObject.ToJsonString() wrote: '+' and quotes escaped. Servers must read any escape; the checks were calibrated on these bytes.
        var before = new System.Text.Json.Nodes.JsonObject { ["op"] = "eval", ["code"] = "1 + \"a\"", ["id"] = "kit-1" }.ToJsonString();
        Assert.Equal(before, new EvalRequest("1 + \"a\"") { Id = "kit-1" }.ToJson());
        Assert.Equal("""{"op":"eval","code":"1 \u002B \u0022a\u0022","id":"kit-1"}""", before);
    }

    [Fact]
    public void Handshake_frames_are_named_by_type_and_announcements_by_op()
    {
        Assert.True(AuthRequired.IsIn("""{"op":"auth-required"}"""));
        Assert.False(AuthRequired.IsIn("""{"type":"auth-required"}"""));
        Assert.True(AuthOk.IsIn("""{"type":"auth_ok"}"""));
        Assert.False(AuthOk.IsIn("""{"op":"auth_ok"}"""));
        Assert.True(AuthError.IsIn("""{"type":"auth_error"}"""));
        Assert.False(AuthError.IsIn("not json"));
        Assert.Null(Frame.TypeOf("""{"type":42}"""));
        Assert.Null(Frame.OpOf("[1,2]"));
    }

    [Fact]
    public void A_message_holding_a_cookie_does_not_print_it()
    {
        Assert.DoesNotContain(FakeCookie, new AuthRequest(FakeCookie, "repl").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeCookie, new ShutdownRequest(FakeCookie) { Id = "kit-4" }.ToString(), StringComparison.Ordinal);
    }
}
