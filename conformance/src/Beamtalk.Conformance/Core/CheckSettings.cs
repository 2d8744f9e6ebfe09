using System.Collections;
using System.Globalization;

namespace Beamtalk.Conformance.Core;

/// <summary>
/// What the runner tells the checks about this run. The runner hands them to the suite process as environment
/// variables (the only channel a test program has); <see cref="FromEnvironment"/> is the one place that reads them.
/// </summary>
public sealed record CheckSettings
{
    public const string TargetVariable = "BEAMTALK_CONFORMANCE_TARGET";
    public const string OutputVariable = "BEAMTALK_CONFORMANCE_ARTIFACTS";
    public const string SeedVariable = "BEAMTALK_CONFORMANCE_SEED";
    public const string RunsVariable = "BEAMTALK_CONFORMANCE_RUNS";
    public const string ThoroughVariable = "BEAMTALK_CONFORMANCE_THOROUGH";
    public const string ChromiumVariable = "BEAMTALK_CONFORMANCE_CHROMIUM";

    /// <summary>The target file to check; null: the reference built next to the suite.</summary>
    public string? TargetFile { get; init; }

    /// <summary>Where checks save files that go with their results (screenshots).</summary>
    public string OutputFolder { get; init; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    /// <summary>Replays the generated cases of an earlier run; null: a fresh seed, printed with any failure.</summary>
    public ulong? Seed { get; init; }

    /// <summary>How many generated cases property-based checks try; null: each check's own default.</summary>
    public int? Runs { get; init; }

    /// <summary>Audit mode: timing checks sample about ten times longer for a finer resolution.</summary>
    public bool Thorough { get; init; }

    /// <summary>
    /// A prerequisite of the kit that cannot be had (a second OS user, a Docker engine, a browser) is an error of
    /// the kit, not a Missing requirement: CI=true, where the kit is expected to set up everything itself.
    /// </summary>
    public bool PrerequisitesRequired { get; init; }

    /// <summary>The browser the BR-* checks drive; null: Debian's chromium on PATH.</summary>
    public string? ChromiumExecutable { get; init; }

    public static CheckSettings Default { get; } = new();

    /// <summary>Reads the settings from this process's environment.</summary>
    public static CheckSettings FromEnvironment() => FromVariables(Environment.GetEnvironmentVariables());

    public static CheckSettings FromVariables(IDictionary variables)
    {
        string? Read(string name) => variables[name] is string { Length: > 0 } value ? value : null;
        return new CheckSettings
        {
            TargetFile = Read(TargetVariable) is { } target ? Path.GetFullPath(target) : null,
            OutputFolder = Read(OutputVariable) is { } output ? Path.GetFullPath(output) : Default.OutputFolder,
            Seed = Read(SeedVariable) is { } seed
                ? ulong.TryParse(seed, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new FormatException($"{SeedVariable} must be a seed printed by an earlier run (an unsigned 64-bit integer), not '{seed}'.")
                : null,
            Runs = int.TryParse(Read(RunsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs > 0 ? runs : null,
            Thorough = Read(ThoroughVariable) == "1",
            PrerequisitesRequired = string.Equals(Read("CI"), "true", StringComparison.OrdinalIgnoreCase),
            ChromiumExecutable = Read(ChromiumVariable),
        };
    }

    /// <summary>The variables that hand these settings to a suite process.</summary>
    public IReadOnlyDictionary<string, string> ToVariables()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { [OutputVariable] = OutputFolder };
        if (TargetFile is not null)
        {
            variables[TargetVariable] = TargetFile;
        }

        if (Seed is { } seed)
        {
            variables[SeedVariable] = seed.ToString(CultureInfo.InvariantCulture);
        }

        if (Runs is { } runs)
        {
            variables[RunsVariable] = runs.ToString(CultureInfo.InvariantCulture);
        }

        if (Thorough)
        {
            variables[ThoroughVariable] = "1";
        }

        if (ChromiumExecutable is not null)
        {
            variables[ChromiumVariable] = ChromiumExecutable;
        }

        return variables;
    }
}
