using Beamtalk.Language.Runtime;
using Beamtalk.Language.Runtime.Values;

namespace Beamtalk.Language.Globals;

/// <summary>
/// A name every session can see without assigning it, such as <c>Transcript</c> or <c>File</c>. A global answers
/// its messages in <see cref="BeamtalkObject.Receive"/> like any value and prints as its name.
/// To add one, subclass this and list it in <see cref="GlobalCatalogue"/>.
/// </summary>
internal abstract class GlobalObject : BeamtalkObject
{
    public abstract string Name { get; }

    public override string ClassName => Name;

    public override void PrintOn(Printer printer) => printer.Write(Name);
}
