using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Checks;

/// <summary>Everything one run of one check may use: its requirement, the target, the run's settings, and where its files go.</summary>
public sealed class CheckContext(Requirement requirement, Target target, CheckSettings settings)
{
    public Requirement Requirement { get; } = requirement;

    public string RequirementId => Requirement.Id;

    public Target Target { get; } = target;

    public CheckSettings Settings { get; } = settings;

    public CheckArtifacts Artifacts { get; } = new(settings.OutputFolder);

    /// <summary>Scrubs every cookie read from the target so far out of <paramref name="text"/>.</summary>
    public string Redact(string text) => Target.Cookies.Redact(text);

    /// <summary>
    /// The result for a prerequisite of the kit that cannot be had: Missing with the reason, to be turned into an
    /// error by the executor when <see cref="CheckSettings.PrerequisitesRequired"/>.
    /// </summary>
    public static CheckEndedException Unavailable(string what, string reason, Exception? inner = null) =>
        Prerequisite.Unavailable(what, reason, inner);
}
