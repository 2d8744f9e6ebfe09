namespace Beamtalk.Language.Syntax;

/// <summary>
/// Binding strength of binary operators. Beamtalk departs from Smalltalk-80's strict left-to-right binary sends and
/// uses the tiers of ordinary arithmetic, so <c>2 + 3 * 4</c> is 14 (upstream's syntax rationale, "Math Precedence").
/// All binary sends still bind tighter than keyword sends and looser than unary sends.
/// </summary>
internal static class BinaryPrecedence
{
    public const int Lowest = 1;

    private const int Equality = 1;
    private const int Comparison = 2;
    private const int Additive = 3;
    private const int Multiplicative = 4;

    public static int Of(string selector) => selector switch
    {
        "*" or "/" or "%" => Multiplicative,
        "+" or "-" or "++" => Additive,
        "<" or ">" or "<=" or ">=" => Comparison,
        // Equality and any operator the language does not define bind loosest, so they never split arithmetic.
        _ => Equality,
    };
}
