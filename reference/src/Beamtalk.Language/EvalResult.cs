namespace Beamtalk.Language;

/// <summary>
/// The outcome of one <see cref="Session.Evaluate"/> call.
/// </summary>
/// <param name="Succeeded">True when every statement ran and the result could be printed.</param>
/// <param name="Value">The printString of the last statement's value; null when evaluation failed.</param>
/// <param name="Output">Everything sent to <c>Transcript</c> during this evaluation, including before a failure.</param>
/// <param name="Error">Why evaluation failed; null when it succeeded.</param>
public sealed record EvalResult(bool Succeeded, string? Value, string Output, EvalError? Error)
{
    internal static EvalResult Success(string value, string output) => new(true, value, output, null);

    internal static EvalResult Failure(EvalError error, string output) => new(false, null, output, error);
}
