namespace Beamtalk.Language;

/// <summary>
/// A failure in user code. <paramref name="Kind"/> is one of <see cref="ErrorKinds"/>;
/// <paramref name="Message"/> starts with the kind (<c>not_found: /nonexistent</c>) so a log line alone says what happened.
/// </summary>
public sealed record EvalError(string Kind, string Message);
