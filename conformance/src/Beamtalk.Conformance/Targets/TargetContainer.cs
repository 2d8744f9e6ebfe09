namespace Beamtalk.Conformance.Targets;

/// <summary>
/// How to run the target inside a container image the kit builds locally (CT-*): what to copy into the image, and
/// the foreground start that becomes the container's main process. See docs/target-file.md.
/// </summary>
/// <param name="Include">
/// Host paths copied into the image at the same path: a file, a folder with everything under it, or <c>DIR/*</c> for
/// the files directly in DIR. The kit adds the shared libraries <c>ldd</c> lists for every ELF file among them.
/// </param>
/// <param name="Start">
/// The start as the container's main process, in the foreground, listening on the fixed port <c>{port}</c>. It runs
/// after <c>commands.create</c> (when given) in the container, under umask 022, as the container user.
/// </param>
/// <param name="ReadyLog">A regular expression the start prints (stdout or stderr) once it listens; the kit waits for it.</param>
/// <param name="Environment">Environment inside the container, besides the target's own <c>environment</c>.</param>
public sealed record TargetContainer(
    IReadOnlyList<string> Include,
    IReadOnlyList<string> Start,
    string ReadyLog,
    IReadOnlyDictionary<string, string>? Environment = null);
