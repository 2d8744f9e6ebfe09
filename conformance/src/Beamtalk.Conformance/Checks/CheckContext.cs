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

    /// <summary>Ends the check Missing unless the target speaks the REPL protocol the check talks.</summary>
    public void RequireProtocol() => RequireProtocol(Target);

    /// <summary>The same, for helpers that hold only the target.</summary>
    public static void RequireProtocol(Target target)
    {
        if (!target.SpeaksProtocol)
        {
            throw CheckEnd.Missing($"target '{target.Name}' declares protocol 'none'; this check needs the beamtalk-ws-v1 protocol.");
        }
    }

    /// <summary>A new instance of the target, started; disposed again when it does not start, so no half-started workspace is left.</summary>
    public async Task<WorkspaceInstance> StartInstanceAsync(CancellationToken cancellationToken, InstanceOptions? options = null)
    {
        var instance = Target.NewInstance(options);
        try
        {
            await instance.StartAsync(cancellationToken);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary><see cref="RequireProtocol"/>, then <see cref="StartInstanceAsync"/>.</summary>
    public Task<WorkspaceInstance> StartReplInstanceAsync(CancellationToken cancellationToken, InstanceOptions? options = null)
    {
        RequireProtocol();
        return StartInstanceAsync(cancellationToken, options);
    }

    /// <summary>Scrubs every cookie read from the target so far out of <paramref name="text"/>.</summary>
    public string Redact(string text) => Target.Cookies.Redact(text);
}
