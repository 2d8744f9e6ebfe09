using Beamtalk.Language.Runtime.Values;

namespace Beamtalk.Language.Runtime;

/// <summary>
/// Variables visible at one point of evaluation. The session's bindings are the outermost scope; each block call adds
/// one for its parameters and the names first assigned inside it.
/// </summary>
internal sealed class Scope
{
    private readonly Dictionary<string, BeamtalkObject> _variables = new(StringComparer.Ordinal);

    public Scope(Scope? parent)
    {
        Parent = parent;
    }

    public Scope? Parent { get; }

    public bool TryLookup(string name, out BeamtalkObject value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables.TryGetValue(name, out var found))
            {
                value = found;
                return true;
            }
        }

        value = NilValue.Instance;
        return false;
    }

    /// <summary>
    /// Updates the nearest existing binding, so a block can change a session variable; a new name is created here,
    /// so a block's scratch variables stay inside the block.
    /// </summary>
    public void Assign(string name, BeamtalkObject value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables.ContainsKey(name))
            {
                scope._variables[name] = value;
                return;
            }
        }

        _variables[name] = value;
    }

    public void Define(string name, BeamtalkObject value) => _variables[name] = value;
}
