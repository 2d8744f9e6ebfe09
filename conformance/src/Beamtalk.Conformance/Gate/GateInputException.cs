namespace Beamtalk.Conformance.Gate;

/// <summary>Input the gate cannot judge with: a bad selection, waiver file or baseline. Always exit code 2.</summary>
public sealed class GateInputException(string message) : Exception(message);
