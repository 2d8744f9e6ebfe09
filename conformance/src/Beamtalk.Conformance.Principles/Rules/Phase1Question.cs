namespace Beamtalk.Conformance.Principles.Rules;

/// <summary>The questions ADR 0058 Phase 1 asks of every PR that adds a capability.</summary>
public enum Phase1Question
{
    None,

    /// <summary>Does the new feature bind a new network port? (Must default to loopback.)</summary>
    BindsPort,

    /// <summary>Does it access secrets? (Must use an owner-only file; must not log.)</summary>
    TouchesSecrets,

    /// <summary>Does it spawn processes or make network requests? (Accepted; the trust model applies.)</summary>
    SpawnsOrConnects,

    /// <summary>From principle 4 rather than Phase 1: are new long-running workers supervised?</summary>
    SupervisesWorkers,
}

public static class Phase1Questions
{
    public static IReadOnlyList<Phase1Question> All { get; } = [Phase1Question.BindsPort, Phase1Question.TouchesSecrets, Phase1Question.SpawnsOrConnects, Phase1Question.SupervisesWorkers];

    /// <summary>The key an author writes in the PR description to answer the question (<c>ADR0058-port: ...</c>).</summary>
    public static string AnswerKey(Phase1Question question) => question switch
    {
        Phase1Question.BindsPort => "ADR0058-port",
        Phase1Question.TouchesSecrets => "ADR0058-secrets",
        Phase1Question.SpawnsOrConnects => "ADR0058-spawn-network",
        Phase1Question.SupervisesWorkers => "ADR0058-supervision",
        _ => "",
    };

    public static string Text(Phase1Question question) => question switch
    {
        Phase1Question.BindsPort => "Does the change bind a new network port? Where does it bind by default, and which explicit flag opens it wider (with a startup warning)?",
        Phase1Question.TouchesSecrets => "Does it access secrets? Are they created owner-only (0600 at open), and kept out of logs, output, metadata, argv and the environment of children?",
        Phase1Question.SpawnsOrConnects => "Does it spawn processes or make network requests? Say so; the trust model applies (an authenticated user runs code with the owner's rights), and TLS verification stays on.",
        Phase1Question.SupervisesWorkers => "Does it start long-running workers? Who supervises them, and what does a crash in one take down (principle 4)?",
        _ => "",
    };
}
