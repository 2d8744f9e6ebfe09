using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Suite;

/// <summary>
/// The implementation this run checks: the target file named by BEAMTALK_CONFORMANCE_TARGET, or
/// the reference workspace built from this repository.
/// </summary>
public static class TargetUnderTest
{
    public const string Variable = "BEAMTALK_CONFORMANCE_TARGET";

    private static readonly Lazy<Target> Loaded = new(() =>
        new Target(Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path
            ? TargetFile.Load(path)
            : ReferenceTarget.FromApplicationDirectory()));

    public static Target Current => Loaded.Value;
}
