using Beamtalk.Conformance.Core;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// One way of observing one requirement from outside a target. Implementations are sealed classes carrying
/// <see cref="RequirementAttribute"/> and at least one <see cref="KnownBadAttribute"/>; <see cref="CheckRegistry"/>
/// finds them, so nothing lists them by hand.
/// </summary>
public interface ICheck
{
    Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken);
}
