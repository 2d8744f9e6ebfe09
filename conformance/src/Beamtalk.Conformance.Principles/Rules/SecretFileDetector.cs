using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Analysis;

namespace Beamtalk.Conformance.Principles.Rules;

/// <summary>How one language creates files, and how it says "owner only" at creation.</summary>
public sealed record FileCreationSpelling(
    Regex Create,
    Regex OwnerOnlyAtOpen,
    Regex? OwnerOnlyEarlierInFile,
    Regex BroadMode,
    Regex EnclosingName);

/// <summary>
/// File creation, in two verdicts: owner-only from the start (evidence for P3), or a secret written without
/// that mode (a violation). A type or function that creates files owner-only becomes a known helper, so a
/// call to it elsewhere in the change counts as owner-only too.
/// </summary>
public static partial class SecretFileDetector
{
    /// <summary>The first pass: remember the helpers that create files owner-only.</summary>
    public static void CollectHelpers(SourceFile file, ChangeSet change, FileCreationSpelling spelling)
    {
        for (var i = 0; i < file.Lines.Count; i++)
        {
            if (spelling.Create.IsMatch(file.Lines[i].Code) && IsOwnerOnly(file, i, spelling) && EnclosingName(file, i, spelling) is { } name)
            {
                change.OwnerOnlyCreators.Add(name);
            }
        }
    }

    public static IEnumerable<Hit> OwnerOnly(SourceFile file, ChangeSet change, FileCreationSpelling spelling)
    {
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            if (!line.IsChanged)
            {
                continue;
            }

            if (spelling.Create.Match(line.Code) is { Success: true } create && IsOwnerOnly(file, i, spelling))
            {
                yield return new Hit(i, $"{Detectors.Quote(create.Value)} with an owner-only mode at creation");
            }
            else if (HelperCall(line.Skeleton, change) is { } helper && HasSecretContext(file, i))
            {
                yield return new Hit(i, $"secret written through `{helper}`, which creates files owner-only");
            }
        }
    }

    public static IEnumerable<Hit> Broad(SourceFile file, ChangeSet change, FileCreationSpelling spelling)
    {
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            if (!line.IsChanged || spelling.Create.Match(line.Code) is not { Success: true } create || !HasSecretContext(file, i))
            {
                continue;
            }

            if (EmptyContent().IsMatch(file.Statement(i, skeleton: false)))
            {
                // Creating the file empty and tightening it before the secret goes in is the safe order.
                continue;
            }

            var broad = file.Window(i, 3, 5).Select(l => spelling.BroadMode.Match(l.Code)).FirstOrDefault(m => m.Success);
            if (broad is not null)
            {
                yield return new Hit(i, $"{Detectors.Quote(create.Value)} with a broader mode {Detectors.Quote(broad.Value)}");
            }
            else if (!IsOwnerOnly(file, i, spelling) && HelperCall(line.Skeleton, change) is null)
            {
                yield return new Hit(i, $"{Detectors.Quote(create.Value)} writes a secret with no owner-only mode at creation");
            }
        }
    }

    private static bool IsOwnerOnly(SourceFile file, int index, FileCreationSpelling spelling) =>
        (file.Window(index, 3, 5).Any(l => spelling.OwnerOnlyAtOpen.IsMatch(l.Code)) && !file.Window(index, 3, 5).Any(l => spelling.BroadMode.IsMatch(l.Code)))
        || (spelling.OwnerOnlyEarlierInFile is { } earlier && file.Lines.Take(index + 1).Any(l => earlier.IsMatch(l.Code)));

    /// <summary>A secret's value or path near the write, a secret-named literal, or a file named after a secret.</summary>
    private static bool HasSecretContext(SourceFile file, int index) =>
        file.NamedAfterASecret
        || file.Window(index, 2, 4).Any(l => file.Secrets.MentionsSecretLocation(l.Skeleton) || StemInLiteral().IsMatch(l.Code) && !StemInLiteral().IsMatch(l.Skeleton));

    private static string? HelperCall(string skeleton, ChangeSet change) =>
        change.OwnerOnlyCreators.FirstOrDefault(name => Regex.IsMatch(skeleton, $@"\b{Regex.Escape(name)}\s*(\.|::|:|\()"));

    private static string? EnclosingName(SourceFile file, int index, FileCreationSpelling spelling)
    {
        for (var i = index; i >= 0; i--)
        {
            if (spelling.EnclosingName.Match(file.Lines[i].Skeleton) is { Success: true } match)
            {
                return match.Groups["name"].Value;
            }
        }

        return null;
    }

    [GeneratedRegex(@",\s*(?:<<>>|<<"""">>|""""|'')\s*\)")]
    private static partial Regex EmptyContent();

    [GeneratedRegex(@"(?i)cookie|token|secret|passw(?:or)?d|\.key\b|credential")]
    private static partial Regex StemInLiteral();
}
