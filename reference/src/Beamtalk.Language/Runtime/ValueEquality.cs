using Beamtalk.Language.Runtime.Values;

namespace Beamtalk.Language.Runtime;

/// <summary>
/// Structural equality for <c>=</c>. Compares from an explicit work list, charging a step per pair, so comparing
/// deeply nested or heavily shared arrays is bounded like any other work.
/// </summary>
internal static class ValueEquality
{
    public static bool AreEqual(BeamtalkObject left, BeamtalkObject right, EvaluationBudget budget)
    {
        var work = new Stack<(BeamtalkObject Left, BeamtalkObject Right)>();
        work.Push((left, right));
        while (work.TryPop(out var pair))
        {
            budget.ChargeStep();
            if (ReferenceEquals(pair.Left, pair.Right))
            {
                continue;
            }

            switch (pair)
            {
                case (NumberValue a, NumberValue b):
                    if (NumberValue.Compare(a, b) != 0)
                    {
                        return false;
                    }

                    break;
                case (StringValue a, StringValue b):
                    if (!string.Equals(a.Value, b.Value, StringComparison.Ordinal))
                    {
                        return false;
                    }

                    break;
                case (SymbolValue a, SymbolValue b):
                    if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal))
                    {
                        return false;
                    }

                    break;
                case (ArrayValue a, ArrayValue b):
                    if (a.Elements.Count != b.Elements.Count)
                    {
                        return false;
                    }

                    for (var i = 0; i < a.Elements.Count; i++)
                    {
                        work.Push((a.Elements[i], b.Elements[i]));
                    }

                    break;
                case (ResultValue a, ResultValue b):
                    work.Push((a.Value, b.Value));
                    break;
                default:
                    // Booleans, nil and globals are singletons; blocks are equal only to themselves.
                    return false;
            }
        }

        return true;
    }
}
