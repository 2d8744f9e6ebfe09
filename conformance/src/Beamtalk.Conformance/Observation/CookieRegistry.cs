using System.Collections.Concurrent;

namespace Beamtalk.Conformance.Observation;

/// <summary>
/// Every cookie the kit has read from one target, so any text about to be printed (a check's message, a target's
/// output quoted in an error) can be scrubbed in one place, whichever path it took to get there. One per target:
/// what a run redacts is exactly what it read.
/// </summary>
public sealed class CookieRegistry
{
    private readonly ConcurrentDictionary<string, CookieForms> _known = new(StringComparer.Ordinal);

    public void Remember(string cookie)
    {
        if (cookie.Length > 0)
        {
            _known.TryAdd(cookie, CookieForms.Of(cookie));
        }
    }

    public string Redact(string text)
    {
        foreach (var forms in _known.Values)
        {
            text = forms.Redact(text);
        }

        return text;
    }
}
