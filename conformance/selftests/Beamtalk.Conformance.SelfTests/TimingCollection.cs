namespace Beamtalk.Conformance.SelfTests;

/// <summary>
/// Tests that measure time run in this collection: alone, after every parallel test of the assembly,
/// so that the machine's other work does not drown the microseconds they look for.
/// </summary>
[CollectionDefinition(nameof(TimingCollection), DisableParallelization = true)]
public sealed class TimingCollection;
