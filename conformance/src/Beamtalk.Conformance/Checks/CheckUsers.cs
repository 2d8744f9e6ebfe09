using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;

namespace Beamtalk.Conformance.Checks;

/// <summary>Throw-away OS users for checks that need a second account, with one rule for when none can be made.</summary>
internal static class CheckUsers
{
    /// <summary>
    /// A new OS user for <paramref name="requirementId"/>'s check. Without one the requirement is Missing,
    /// except under CI=true, where the kit is expected to run as root: there it is an error, never a skip.
    /// </summary>
    public static OsUser Create(string requirementId, string role, string why = "a second OS user")
    {
        try
        {
            return OsUser.Create(role);
        }
        catch (OsUserUnavailableException e)
        {
            throw Prerequisite.Unavailable(why, $"{e.Message} (run as root)", e);
        }
    }
}
