using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Suite;

/// <summary>This run's settings and the implementation it checks: the target file the runner names, or the reference built next to the suite.</summary>
public static class SuiteRun
{
    private static readonly Lazy<CheckSettings> LoadedSettings = new(CheckSettings.FromEnvironment);

    private static readonly Lazy<Target> LoadedTarget = new(() =>
        new Target(Settings.TargetFile is { } path ? TargetFile.Load(path) : ReferenceTarget.FromApplicationDirectory()));

    public static CheckSettings Settings => LoadedSettings.Value;

    public static Target Target => LoadedTarget.Value;
}
