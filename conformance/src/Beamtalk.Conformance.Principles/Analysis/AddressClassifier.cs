using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.Principles.Analysis;

public enum BindScope
{
    Unknown,
    Loopback,
    Wildcard,

    /// <summary>A specific address that is not loopback (a LAN or public IP): exposed all the same.</summary>
    NonLoopback,

    /// <summary>Both a loopback and a wider address in one expression: a conditional whose default needs reading.</summary>
    Conditional,
}

/// <summary>What an address expression binds, in the spellings of the five languages.</summary>
public static partial class AddressClassifier
{
    public static (BindScope Scope, string Literal) Classify(string code)
    {
        var wildcard = Wildcard().Match(code);
        var loopback = Loopback().Match(code);
        var other = OtherAddress().Matches(code).FirstOrDefault(m => !m.Value.StartsWith("127.", StringComparison.Ordinal) && m.Value != "0.0.0.0" && !IsVersionLike(code, m));
        var wide = wildcard.Success ? wildcard : other;
        return (wide, loopback.Success) switch
        {
            (not null, true) => (BindScope.Conditional, $"{wide.Value} / {loopback.Value}"),
            (not null, false) => (wildcard.Success ? BindScope.Wildcard : BindScope.NonLoopback, wide.Value),
            (null, true) => (BindScope.Loopback, loopback.Value),
            _ => (BindScope.Unknown, ""),
        };
    }

    public static bool IsExposed(BindScope scope) => scope is BindScope.Wildcard or BindScope.NonLoopback;

    // A dotted quad in a version string (v1.2.3.4, Version="1.2.3.4") is not an address.
    private static bool IsVersionLike(string code, Match match) =>
        match.Index > 0 && (code[match.Index - 1] is 'v' or 'V' || code[..match.Index].Contains("ersion", StringComparison.Ordinal));

    [GeneratedRegex(@"0\.0\.0\.0|\[::\]|""::""|'::'|IPAddress\.(?:Any|IPv6Any)\b|ListenAnyIP|\{\s*0\s*,\s*0\s*,\s*0\s*,\s*0\s*\}|\{\s*0(?:\s*,\s*0){7}\s*\}|\{\s*ip\s*,\s*any\s*\}|Ipv[46]Addr::UNSPECIFIED|\[\s*0\s*,\s*0\s*,\s*0\s*,\s*0\s*\]|IN6?ADDR_ANY|https?://[*+]:")]
    private static partial Regex Wildcard();

    [GeneratedRegex(@"\b127\.\d{1,3}\.\d{1,3}\.\d{1,3}\b|""::1""|'::1'|\[::1\]|\blocalhost\b|IPAddress\.(?:Loopback|IPv6Loopback)\b|ListenLocalhost|\{\s*127\s*,\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\}|\{\s*0(?:\s*,\s*0){6}\s*,\s*1\s*\}|\{\s*ip\s*,\s*loopback\s*\}|Ipv[46]Addr::LOCALHOST|\[\s*127\s*,\s*0\s*,\s*0\s*,\s*1\s*\]|INADDR_LOOPBACK|\bloopback\b")]
    private static partial Regex Loopback();

    [GeneratedRegex(@"(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d.])")]
    private static partial Regex OtherAddress();
}
