using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beamtalk.Conformance.Targets;

/// <summary>
/// Checks a target file's JSON against the shape of <see cref="TargetDescription"/> before it is deserialized, so a
/// wrong type, a missing field or an unknown one is reported as the field's path and a plain sentence
/// ("layout: must be an object, found a string"), never as the serializer's message naming .NET types. The shape is
/// read from the records themselves, so a new field is covered without an edit here.
/// </summary>
internal static class TargetFileShape
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>The first problem, as (path, problem); null when the document has the shape of <paramref name="type"/>.</summary>
    public static (string Path, string Problem)? FirstProblem(JsonElement document, Type type) => Check(document, type, nullable: false, path: string.Empty);

    private static (string, string)? Check(JsonElement value, Type type, bool nullable, string path)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            (type, nullable) = (underlying, true);
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return nullable ? null : (path, $"must be {Expected(type)}, found null");
        }

        if (type == typeof(string))
        {
            return Expect(value, JsonValueKind.String, type, path);
        }

        if (type == typeof(bool))
        {
            return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : (path, $"must be {Expected(type)}, found {Found(value)}");
        }

        if (type == typeof(double) || type == typeof(int))
        {
            if (value.ValueKind != JsonValueKind.Number)
            {
                return (path, $"must be {Expected(type)}, found {Found(value)}");
            }

            return type == typeof(int) && !value.TryGetInt32(out _) ? (path, $"must be a whole number, found {value.GetRawText()}") : null;
        }

        if (type.IsEnum)
        {
            var spellings = EnumSpellings(type);
            return value.ValueKind == JsonValueKind.String && spellings.Any(s => string.Equals(s, value.GetString(), StringComparison.OrdinalIgnoreCase))
                ? null
                : (path, $"must be one of {string.Join(", ", spellings.Select(s => $"\"{s}\""))}, found {Found(value)}");
        }

        if (ElementOf(type, typeof(IReadOnlyList<>)) is { } element)
        {
            if (Expect(value, JsonValueKind.Array, type, path) is { } notArray)
            {
                return notArray;
            }

            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (Check(item, element, nullable: false, $"{path}[{index++}]") is { } problem)
                {
                    return problem;
                }
            }

            return null;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            if (Expect(value, JsonValueKind.Object, type, path) is { } notObject)
            {
                return notObject;
            }

            foreach (var entry in value.EnumerateObject())
            {
                if (Check(entry.Value, type.GetGenericArguments()[1], nullable: false, Join(path, entry.Name)) is { } problem)
                {
                    return problem;
                }
            }

            return null;
        }

        return CheckRecord(value, type, path);
    }

    /// <summary>A record: its primary constructor's parameters are its fields, required unless they have a default or may be null.</summary>
    private static (string, string)? CheckRecord(JsonElement value, Type type, string path)
    {
        if (Expect(value, JsonValueKind.Object, type, path) is { } notObject)
        {
            return notObject;
        }

        var fields = Fields(type);
        foreach (var member in value.EnumerateObject())
        {
            if (!fields.Any(f => string.Equals(f.Name, member.Name, StringComparison.Ordinal)))
            {
                var named = Join(path, member.Name);
                return (named, $"unknown field '{member.Name}'; the fields here are {string.Join(", ", fields.Select(f => f.Name))}");
            }
        }

        foreach (var field in fields)
        {
            if (!value.TryGetProperty(field.Name, out var member))
            {
                if (field.Required)
                {
                    return (Join(path, field.Name), "is required but missing");
                }

                continue;
            }

            if (Check(member, field.Type, field.Nullable, Join(path, field.Name)) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private sealed record Field(string Name, Type Type, bool Nullable, bool Required);

    private static List<Field> Fields(Type record)
    {
        var constructor = record.GetConstructors().MaxBy(c => c.GetParameters().Length)
            ?? throw new InvalidOperationException($"{record.Name} has no public constructor to read target-file fields from.");
        return [.. constructor.GetParameters().Select(p =>
        {
            var nullable = System.Nullable.GetUnderlyingType(p.ParameterType) is not null || Nullability.Create(p).WriteState == NullabilityState.Nullable;
            return new Field(JsonNamingPolicy.CamelCase.ConvertName(p.Name!), p.ParameterType, nullable, !p.HasDefaultValue && !nullable);
        })];
    }

    private static (string, string)? Expect(JsonElement value, JsonValueKind kind, Type type, string path) =>
        value.ValueKind == kind ? null : (path, $"must be {Expected(type)}, found {Found(value)}");

    private static Type? ElementOf(Type type, Type generic) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == generic ? type.GetGenericArguments()[0] : null;

    /// <summary>The spellings a target file uses: the declared JSON name, else the member's name in camel case (as the docs write it).</summary>
    private static IReadOnlyList<string> EnumSpellings(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f =>
            f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(f.Name))];

    /// <summary>What a JSON author calls the type: never a .NET type name.</summary>
    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(double) || type == typeof(int))
        {
            return "a number";
        }

        if (type.IsEnum)
        {
            return $"one of {string.Join(", ", EnumSpellings(type).Select(s => $"\"{s}\""))}";
        }

        if (ElementOf(type, typeof(IReadOnlyList<>)) is { } element)
        {
            return $"an array of {Plural(element)}";
        }

        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)
            ? $"an object whose values are {Plural(type.GetGenericArguments()[1])}"
            : "an object";
    }

    private static string Plural(Type type)
    {
        var one = Expected(type);
        return one switch
        {
            "a string" => "strings",
            "a number" => "numbers",
            "an object" => "objects",
            _ when one.StartsWith("an array of ", StringComparison.Ordinal) => "arrays of " + one["an array of ".Length..],
            _ => one,
        };
    }

    private static string Found(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(value.GetString() ?? string.Empty)}\"",
        JsonValueKind.Number => $"the number {Shorten(value.GetRawText())}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
