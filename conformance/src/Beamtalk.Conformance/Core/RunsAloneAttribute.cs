namespace Beamtalk.Conformance.Core;

/// <summary>
/// A check that measures the target (timing) and must not share the machine's two cores with other checks: test
/// hosts run it outside every parallel collection.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RunsAloneAttribute : Attribute;
