using System.Text;

namespace Beamtalk.Language.Runtime;

/// <summary>What <c>Transcript</c> received during one evaluation, bounded so output cannot exhaust memory.</summary>
internal sealed class CapturedOutput
{
    private readonly StringBuilder _text = new();
    private readonly int _maxLength;

    public CapturedOutput(int maxLength)
    {
        _maxLength = maxLength;
    }

    public void Append(string text)
    {
        if (text.Length > _maxLength - _text.Length)
        {
            throw BeamtalkException.MemoryLimit($"output exceeded {_maxLength} characters");
        }

        _text.Append(text);
    }

    public override string ToString() => _text.ToString();
}
