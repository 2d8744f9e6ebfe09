using System.Globalization;
using System.Text;
using System.Xml;

namespace Beamtalk.Conformance.Reports;

internal static class XmlText
{
    /// <summary>Target output can hold characters XML 1.0 cannot (terminal colour codes, NUL); they are written as \uXXXX.</summary>
    public static string Safe(string text)
    {
        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                safe.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                safe.Append(text, i++, 2);
            }
            else
            {
                safe.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:X4}");
            }
        }

        return safe.ToString();
    }
}
