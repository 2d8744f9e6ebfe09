using System.Text;

namespace Beamtalk.Language.Runtime.Values;

internal sealed class StringValue : BeamtalkObject
{
    public StringValue(string value)
    {
        Value = value;
    }

    public string Value { get; }

    public override string ClassName => "String";

    /// <summary>The source form: quoted, with the escapes the lexer reads back.</summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2);
        quoted.Append('"');
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    public override void PrintOn(Printer printer) => printer.Write(Quote(Value));

    protected override BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) => selector switch
        {
            "size" => new IntegerValue(Value.Length),
            "isEmpty" => BooleanValue.Of(Value.Length == 0),
            "++" => Concatenate(ExpectString(arguments[0], selector), evaluator.Options),
            _ => null,
        };

    private StringValue Concatenate(string suffix, SessionOptions options) =>
        suffix.Length > options.MaxStringLength - Value.Length
            ? throw BeamtalkException.MemoryLimit($"string longer than {options.MaxStringLength} characters")
            : new StringValue(Value + suffix);
}
