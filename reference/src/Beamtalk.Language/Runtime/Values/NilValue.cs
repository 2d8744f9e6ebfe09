namespace Beamtalk.Language.Runtime.Values;

internal sealed class NilValue : BeamtalkObject
{
    private NilValue()
    {
    }

    public static NilValue Instance { get; } = new();

    public override string ClassName => "UndefinedObject";

    public override void PrintOn(Printer printer) => printer.Write("nil");
}
