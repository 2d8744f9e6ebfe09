using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Analysis;
using Beamtalk.Conformance.Principles.Rules;

namespace Beamtalk.Conformance.Principles.Packs;

/// <summary>
/// How one language spells what the standard rules look for. A pack supplies its spellings; <see cref="PackRules.Standard"/>
/// wires them to the rule families the same way for every language, so a fix to the wiring reaches every pack.
/// </summary>
internal sealed record PackSpelling
{
    public required Regex Listen { get; init; }

    /// <summary>Listener calls that take no address and bind every interface; null where the language has none.</summary>
    public Regex? ImpliedWildcard { get; init; }

    public required Regex Output { get; init; }

    public required Regex Exception { get; init; }

    public required Regex Argv { get; init; }

    public required Regex Environment { get; init; }

    public required FileCreationSpelling Files { get; init; }

    public required Regex EqualityOperator { get; init; }

    /// <summary>Equality spelled as a method call; null where the language compares with operators only.</summary>
    public Regex? EqualityMethod { get; init; }

    /// <summary>Equality written as a pattern match against a bound value (Erlang's <c>case A of B -></c>); null where none.</summary>
    public Func<SourceFile, IEnumerable<Hit>>? MatchCompare { get; init; }

    public required Regex FixedTime { get; init; }

    public required Regex LengthCompare { get; init; }

    public required Regex SpawnOrClient { get; init; }

    public required Regex TlsOff { get; init; }

    public required Regex ForeignOrFile { get; init; }

    /// <summary>Foreign code and file access counted in code only, not in comments and strings (where the spelling is common prose).</summary>
    public bool ForeignOrFileInCodeOnly { get; init; }

    public required Regex Worker { get; init; }

    /// <summary>A line that shows the started worker is supervised after all; null: none is.</summary>
    public Regex? WorkerSupervised { get; init; }

    /// <summary>A catch-all that swallows the error: the detector differs by language (an empty block, a bare except, a clause).</summary>
    public required Func<SourceFile, IEnumerable<Hit>> CatchAllSwallow { get; init; }
}
