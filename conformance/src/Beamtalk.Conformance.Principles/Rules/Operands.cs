using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.Principles.Rules;

/// <summary>The operands either side of a binary operator, found by walking out to the enclosing expression.</summary>
internal static partial class Operands
{
    public static string Left(string text, int operatorIndex)
    {
        var depth = 0;
        var i = operatorIndex - 1;
        for (; i >= 0; i--)
        {
            var c = text[i];
            if (c is ')' or ']' or '}')
            {
                depth++;
            }
            else if (c is '(' or '[' or '{')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (depth == 0 && c is ',' or ';' or '!' or '?' or '&' or '|' or '=' or '<' or '>')
            {
                break;
            }
        }

        var left = text[(i + 1)..operatorIndex];
        // Only what follows the last keyword belongs to the operand: "f(A) when size(A)" -> "size(A)".
        var last = Keywords().Matches(left).LastOrDefault();
        return StripKeywords(last is null ? left : left[(last.Index + last.Length)..]);
    }

    public static string Right(string text, int afterOperator)
    {
        var depth = 0;
        var i = afterOperator;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (depth == 0 && (c is ',' or ';' or '?' or '&' or '|' || (c == '-' && i + 1 < text.Length && text[i + 1] == '>')))
            {
                break;
            }
        }

        return StripKeywords(text[afterOperator..i]);
    }

    /// <summary>Null, empty, numbers, booleans and literal strings: comparing a secret with a constant leaks nothing worth a fixed-time compare.</summary>
    public static bool IsConstant(string operand) => Constant().IsMatch(operand.Trim().TrimEnd(':', '{').Trim());

    private static string StripKeywords(string operand) => Keywords().Replace(operand, " ").Trim();

    [GeneratedRegex(@"\b(if|return|when|and|or|not|andalso|orelse|while|assert|then|else|elif|is|let|case|of|end|do|in)\b")]
    private static partial Regex Keywords();

    [GeneratedRegex(@"^(null|None|nil|undefined|default|true|false|True|False|string\.Empty|String\.Empty|String::new\(\)|""\s*""|'\s*'|<<>>|<<""\s*"">>|\[\]|\d+|-\d+|0x[0-9a-fA-F]+|\$""\s*"")$")]
    private static partial Regex Constant();
}
