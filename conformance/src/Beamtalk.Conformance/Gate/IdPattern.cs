using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.Gate;

/// <summary>A requirement ID or a glob over IDs: <c>*</c> matches any run of characters, <c>?</c> one character.</summary>
public sealed class IdPattern
{
    private readonly Regex _regex;

    private IdPattern(string text, Regex regex)
    {
        Text = text;
        _regex = regex;
    }

    public string Text { get; }

    /// <exception cref="GateInputException">The pattern holds characters no requirement ID can have.</exception>
    public static IdPattern Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '*' or '?')))
        {
            throw new GateInputException($"'{text}' is not a requirement ID or ID glob (letters, digits, '-', '*' and '?' only; e.g. 'NET-*').");
        }

        // IDs are upper case; matching ignores case so 'net-*' is not a silent empty selection.
        var expression = "^" + Regex.Escape(trimmed).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return new IdPattern(trimmed, new Regex(expression, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
    }

    public bool Matches(string id) => _regex.IsMatch(id);

    public override string ToString() => Text;
}
