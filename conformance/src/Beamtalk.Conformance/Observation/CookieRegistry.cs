using System.Collections.Concurrent;

namespace Beamtalk.Conformance.Observation;

/// <summary>
/// Every cookie this process has read from a target, so any text the kit is about to print (a
/// check's message, a target's output quoted in an error) can be scrubbed in one place, whichever
/// path it took to get there.
/// </summary>
public static class CookieRegistry
{
    private static readonly ConcurrentDictionary<string, CookieForms> Known = new(StringComparer.Ordinal);

    public static void Remember(string cookie)
    {
        if (cookie.Length > 0)
        {
            Known.TryAdd(cookie, CookieForms.Of(cookie));
        }
    }

    public static string Redact(string text)
    {
        foreach (var forms in Known.Values)
        {
            text = forms.Redact(text);
        }

        return text;
    }
}
