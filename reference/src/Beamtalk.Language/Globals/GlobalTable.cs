using System.Diagnostics.CodeAnalysis;
using Beamtalk.Language.Runtime.Values;

namespace Beamtalk.Language.Globals;

/// <summary>The globals of one session, by name.</summary>
internal sealed class GlobalTable
{
    private readonly Dictionary<string, GlobalObject> _byName = new(StringComparer.Ordinal);

    public GlobalTable(IEnumerable<GlobalObject> globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        foreach (var global in globals)
        {
            if (!_byName.TryAdd(global.Name, global))
            {
                throw new ArgumentException($"global {global.Name} is registered twice", nameof(globals));
            }
        }
    }

    public bool TryGet(string name, [MaybeNullWhen(false)] out BeamtalkObject value)
    {
        var found = _byName.TryGetValue(name, out var global);
        value = global;
        return found;
    }
}
