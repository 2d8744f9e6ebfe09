using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Beamtalk.Language.Syntax;
using Beamtalk.Language.Syntax.Ast;

namespace Beamtalk.Language.Compilation;

/// <summary>
/// The parsed program as the compiler process hands it to the workspace: JSON, one array per node,
/// <c>[tag, line, column, offset, fields...]</c>. Compact, versionless (both ends ship together), and
/// decoded with a nesting cap so a hostile or broken compiler cannot exhaust the workspace's stack.
/// </summary>
internal static class ProgramCodec
{
    /// <summary>
    /// Deepest node nesting the codec carries. 2,000: four times the evaluator's depth limit, so no
    /// program that could run is refused here, while a left-nested chain of millions of sends is.
    /// </summary>
    public const int MaxNodeDepth = 2_000;

    // A node is an array whose children sit in a nested list: two JSON levels per node, plus the program's own.
    private const int MaxJsonDepth = (2 * MaxNodeDepth) + 8;

    public static byte[] Encode(ProgramNode program)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = MaxJsonDepth, SkipValidation = true }))
        {
            WriteList(writer, program.Statements, 0);
        }

        return buffer.ToArray();
    }

    /// <exception cref="FormatException">The bytes are not a program this codec wrote.</exception>
    public static ProgramNode Decode(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
            return new ProgramNode(ReadList(document.RootElement, 0));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException)
        {
            throw new FormatException($"not an encoded program: {e.Message}", e);
        }
    }

    private static void WriteList(Utf8JsonWriter writer, IReadOnlyList<Expression> nodes, int depth)
    {
        writer.WriteStartArray();
        foreach (var node in nodes)
        {
            Write(writer, node, depth + 1);
        }

        writer.WriteEndArray();
    }

    private static void Write(Utf8JsonWriter writer, Expression node, int depth)
    {
        if (depth > MaxNodeDepth)
        {
            throw new BeamtalkException(ErrorKinds.DepthLimit, $"the program nests deeper than {MaxNodeDepth} levels");
        }

        writer.WriteStartArray();
        writer.WriteStringValue(Tag(node));
        writer.WriteNumberValue(node.Position.Line);
        writer.WriteNumberValue(node.Position.Column);
        writer.WriteNumberValue(node.Position.Offset);
        switch (node)
        {
            case IntegerLiteral i:
                writer.WriteStringValue(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case FloatLiteral f:
                writer.WriteStringValue(f.Value.ToString("R", CultureInfo.InvariantCulture));
                break;
            case StringLiteral s:
                writer.WriteStringValue(s.Value);
                break;
            case SymbolLiteral s:
                writer.WriteStringValue(s.Name);
                break;
            case BooleanLiteral b:
                writer.WriteBooleanValue(b.Value);
                break;
            case ArrayLiteral a:
                WriteList(writer, a.Elements, depth);
                break;
            case MessageSend m:
                Write(writer, m.Receiver, depth + 1);
                writer.WriteStringValue(m.Selector);
                WriteList(writer, m.Arguments, depth);
                break;
            case Cascade c:
                Write(writer, c.Receiver, depth + 1);
                WriteList(writer, c.Messages, depth);
                break;
            case VariableReference v:
                writer.WriteStringValue(v.Name);
                break;
            case Assignment a:
                writer.WriteStringValue(a.Name);
                Write(writer, a.Value, depth + 1);
                break;
            case BlockExpression b:
                writer.WriteStartArray();
                foreach (var parameter in b.Parameters)
                {
                    writer.WriteStringValue(parameter);
                }

                writer.WriteEndArray();
                WriteList(writer, b.Statements, depth);
                break;
            case FieldReference f:
                writer.WriteStringValue(f.Name);
                break;
            case FieldAssignment f:
                writer.WriteStringValue(f.Name);
                Write(writer, f.Value, depth + 1);
                break;
            case ClassDefinition c:
                WriteClass(writer, c, depth);
                break;
            case NilLiteral or CascadeReceiver:
                break;
            default:
                throw new InvalidOperationException($"no encoding for {node.GetType().Name}");
        }

        writer.WriteEndArray();
    }

    private static string Tag(Expression node) => node switch
    {
        IntegerLiteral => "int",
        FloatLiteral => "float",
        StringLiteral => "str",
        SymbolLiteral => "sym",
        BooleanLiteral => "bool",
        NilLiteral => "nil",
        ArrayLiteral => "array",
        MessageSend => "send",
        Cascade => "cascade",
        CascadeReceiver => "cascade-receiver",
        VariableReference => "var",
        Assignment => "assign",
        BlockExpression => "block",
        FieldReference => "field",
        FieldAssignment => "field-assign",
        ClassDefinition => "class",
        _ => throw new InvalidOperationException($"no encoding for {node.GetType().Name}"),
    };

    private static List<Expression> ReadList(JsonElement list, int depth) =>
        [.. list.EnumerateArray().Select(e => Read(e, depth + 1))];

    private static Expression Read(JsonElement node, int depth)
    {
        if (depth > MaxNodeDepth)
        {
            throw new InvalidOperationException($"nested deeper than {MaxNodeDepth}");
        }

        var position = new SourcePosition(node[1].GetInt32(), node[2].GetInt32(), node[3].GetInt32());
        return node[0].GetString() switch
        {
            "int" => new IntegerLiteral(BigInteger.Parse(node[4].GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), position),
            "float" => new FloatLiteral(double.Parse(node[4].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture), position),
            "str" => new StringLiteral(node[4].GetString()!, position),
            "sym" => new SymbolLiteral(node[4].GetString()!, position),
            "bool" => new BooleanLiteral(node[4].GetBoolean(), position),
            "nil" => new NilLiteral(position),
            "array" => new ArrayLiteral(ReadList(node[4], depth), position),
            "send" => new MessageSend(Read(node[4], depth + 1), node[5].GetString()!, ReadList(node[6], depth), position),
            "cascade" => new Cascade(Read(node[4], depth + 1), ReadList(node[5], depth), position),
            "cascade-receiver" => new CascadeReceiver(position),
            "var" => new VariableReference(node[4].GetString()!, position),
            "assign" => new Assignment(node[4].GetString()!, Read(node[5], depth + 1), position),
            "block" => new BlockExpression([.. node[4].EnumerateArray().Select(p => p.GetString()!)], ReadList(node[5], depth), position),
            "field" => new FieldReference(node[4].GetString()!, position),
            "field-assign" => new FieldAssignment(node[4].GetString()!, Read(node[5], depth + 1), position),
            "class" => ReadClass(node, depth, position),
            var tag => throw new InvalidOperationException($"unknown node '{tag}'"),
        };
    }

    // [name, superclass, [[field, initial-or-null]...], [[selector, [parameters], [statements], line, column, offset]...]]
    private static void WriteClass(Utf8JsonWriter writer, ClassDefinition definition, int depth)
    {
        writer.WriteStringValue(definition.Name);
        writer.WriteStringValue(definition.Superclass);
        writer.WriteStartArray();
        foreach (var field in definition.Fields)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(field.Name);
            if (field.Initial is { } initial)
            {
                Write(writer, initial, depth + 1);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteStartArray();
        foreach (var method in definition.Methods)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(method.Selector);
            writer.WriteStartArray();
            foreach (var parameter in method.Parameters)
            {
                writer.WriteStringValue(parameter);
            }

            writer.WriteEndArray();
            WriteList(writer, method.Statements, depth);
            writer.WriteNumberValue(method.Position.Line);
            writer.WriteNumberValue(method.Position.Column);
            writer.WriteNumberValue(method.Position.Offset);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static ClassDefinition ReadClass(JsonElement node, int depth, SourcePosition position)
    {
        var fields = node[6].EnumerateArray()
            .Select(f => new FieldDefinition(f[0].GetString()!, f[1].ValueKind == JsonValueKind.Null ? null : Read(f[1], depth + 1)))
            .ToList();
        var methods = node[7].EnumerateArray()
            .Select(m => new MethodDefinition(
                m[0].GetString()!,
                [.. m[1].EnumerateArray().Select(p => p.GetString()!)],
                ReadList(m[2], depth),
                new SourcePosition(m[3].GetInt32(), m[4].GetInt32(), m[5].GetInt32())))
            .ToList();
        return new ClassDefinition(node[4].GetString()!, node[5].GetString()!, fields, methods, position);
    }
}
