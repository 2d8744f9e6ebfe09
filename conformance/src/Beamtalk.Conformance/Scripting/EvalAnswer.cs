using System.Text.RegularExpressions;
using Beamtalk.Conformance.Wire.Protocol;

namespace Beamtalk.Conformance.Scripting;

/// <summary>
/// What a workspace answered to one piece of Beamtalk source: a printString, or an error text whose first word is
/// expected to name its kind (<c>not_found: /x</c>). Kinds are matched as whole words so an implementation may
/// phrase the rest of the message as it likes.
/// </summary>
public sealed partial record EvalAnswer(string Code, string? Value, string? Error)
{
    public bool Failed => Error is not null;

    /// <summary>Everything the answer says, for scanning (a forbidden kind, a secret).</summary>
    public string Text => Error ?? Value ?? string.Empty;

    public static EvalAnswer From(string code, Reply reply) =>
        reply.IsError ? new EvalAnswer(code, reply.Value, reply.Error ?? "(error without a message)") : new EvalAnswer(code, reply.Value ?? string.Empty, null);

    public bool FailedWith(string kind) =>
        Error is { } error && Regex.IsMatch(error, $@"(?<![A-Za-z0-9_]){Regex.Escape(kind)}(?![A-Za-z0-9_])");

    /// <summary>The value as text: a printed string loses its quotes and escapes, anything else is left as printed.</summary>
    public string? StringValue => Value is { Length: >= 2 } v && v[0] == '"' && v[^1] == '"'
        ? Escape().Replace(v[1..^1], m => m.Value[1..])
        : Value;

    public string Describe() => Failed ? $"error '{Clip(Error!)}'" : $"'{Clip(Value!)}'";

    private static string Clip(string text) => text.Length <= 200 ? text : text[..200] + "…";

    [GeneratedRegex(@"\\.")]
    private static partial Regex Escape();
}
