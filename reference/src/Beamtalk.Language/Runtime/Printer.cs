using System.Text;
using Beamtalk.Language.Runtime.Values;

namespace Beamtalk.Language.Runtime;

/// <summary>
/// Produces printStrings. Values describe themselves through <see cref="BeamtalkObject.PrintOn"/> as a sequence of
/// text and nested values; the printer expands nested values from an explicit stack, so printing an array nested
/// thousands deep neither recurses nor, past <c>maxLength</c>, keeps allocating.
/// </summary>
internal sealed class Printer
{
    private readonly StringBuilder _output = new();
    private readonly Stack<object> _pending = new();
    private readonly List<object> _segments = [];
    private readonly int _maxLength;

    private Printer(int maxLength)
    {
        _maxLength = maxLength;
    }

    public static string Print(BeamtalkObject value, int maxLength)
    {
        var printer = new Printer(maxLength);
        printer._pending.Push(value);
        while (printer._pending.TryPop(out var item))
        {
            if (item is string text)
            {
                printer.Append(text);
            }
            else
            {
                printer.Expand((BeamtalkObject)item);
            }
        }

        return printer._output.ToString();
    }

    public void Write(string text) => _segments.Add(text);

    public void Write(BeamtalkObject value) => _segments.Add(value);

    private void Expand(BeamtalkObject value)
    {
        _segments.Clear();
        value.PrintOn(this);
        for (var i = _segments.Count - 1; i >= 0; i--)
        {
            _pending.Push(_segments[i]);
        }
    }

    private void Append(string text)
    {
        if (text.Length > _maxLength - _output.Length)
        {
            throw BeamtalkException.MemoryLimit($"printString longer than {_maxLength} characters");
        }

        _output.Append(text);
    }
}
