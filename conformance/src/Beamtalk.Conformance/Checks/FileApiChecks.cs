using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Scripting;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// CAP-FILE (ADR 0063): the File API takes any path the OS takes and reports what the OS said. The ADR's REPL session
/// runs over the wire in a fresh directory under <c>File tempDirectory</c>, every operation is composed with it, and
/// the permission cases run with the workspace under a throw-away non-root user (root would read anything).
/// </summary>
public static class FileApiChecks
{
    private const string Id = "CAP-FILE";
    private const string ForbiddenKind = "invalid_path";

    [Requirement(Id)]
    [KnownBad(Defect.SandboxesFilePaths)]
    public sealed class FileTakesAnyPathWithStructuredErrors : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            if (!target.SpeaksProtocol)
            {
                return new CheckResult.Missing("the target speaks no REPL protocol, so File cannot be reached.");
            }

            using var owner = FileStatus.CurrentUid == 0 ? CheckUsers.Create(Id, "files", "a non-root OS user for the permission cases") : null;
            await using var instance = await context.StartInstanceAsync(cancellationToken, new InstanceOptions { RunAs = owner });
            await using var session = await LanguageSession.OpenAsync(instance, cancellationToken);
            var script = new FileScript(session, cancellationToken);

            var name = $"bt-cap-file-{Unique()}";
            var directory = (await script.ValueAsync($"d := File tempDirectory ++ \"/{name}\"")).StringValue ?? string.Empty;
            if (!directory.StartsWith('/'))
            {
                return new CheckResult.Violation($"File tempDirectory composed into {directory}, not an absolute path.");
            }

            try
            {
                await AdrSessionAsync(script, directory);
                await ErrorKindsAsync(script);
                await PermissionCasesAsync(script, instance, owner is not null, cancellationToken);
                await script.ExpectAsync("File deleteAll: d", ok: true);
                await script.ExpectValueAsync("File exists: d", "false");
            }
            finally
            {
                RemoveQuietly(directory);
            }

            if (session.Answers.FirstOrDefault(a => a.Text.Contains(ForbiddenKind, StringComparison.Ordinal)) is { } invalid)
            {
                return new CheckResult.Violation($"`{invalid.Code}` answered {invalid.Describe()}: ADR 0063 removed {ForbiddenKind}.");
            }

            var who = owner is null ? $"uid {FileStatus.CurrentUid}" : $"throw-away user {owner.Name}";
            return new CheckResult.Pass($"{session.Answers.Count} evaluations as {who} under {directory}: absolute, relative-.. and tempDirectory paths worked with every File operation; not_found, is_directory, not_directory, already_exists and permission_denied came back by kind; exists: answered truly; no {ForbiddenKind}.");
        }
    }

    // The ADR's own session, then every other operation on the same directory.
    private static async Task AdrSessionAsync(FileScript script, string directory)
    {
        await script.ExpectValueAsync("File exists: d", "false");
        await script.ExpectAsync("File mkdir: d", ok: true);
        await script.ExpectValueAsync("File exists: d", "true");
        await script.ExpectValueAsync("File isDirectory: d", "true");
        await script.ExpectAsync("File writeAll: d ++ \"/out.txt\" contents: \"hello\"", ok: true);
        await script.ExpectContainsAsync("File readAll: d ++ \"/out.txt\"", "hello");
        await script.ExpectValueAsync("File isFile: d ++ \"/out.txt\"", "true");
        await script.ExpectContainsAsync("File lines: d ++ \"/out.txt\"", "hello");
        await script.ExpectContainsAsync("File listDirectory: d", "out.txt");
        await script.ExpectAsync("File mkdirAll: d ++ \"/a/b\"", ok: true);
        await script.ExpectValueAsync("File isDirectory: d ++ \"/a/b\"", "true");
        await script.ExpectContainsAsync("File readAll: d ++ \"/a/b/../../out.txt\"", "hello");
        await script.ExpectContainsAsync("File absolutePath: d", directory);
        await script.ExpectValueAsync("File exists: \"/\"", "true");

        // A relative path that climbs from the workspace's working directory to the root and back down.
        var cwd = (await script.ValueAsync("File cwd")).StringValue ?? string.Empty;
        var climb = string.Concat(Enumerable.Repeat("../", cwd.Split('/', StringSplitOptions.RemoveEmptyEntries).Length));
        await script.ExpectContainsAsync($"File readAll: {LanguageSession.Quote(climb + directory.TrimStart('/') + "/out.txt")}", "hello");

        await script.ExpectAsync("File rename: d ++ \"/out.txt\" to: d ++ \"/moved.txt\"", ok: true);
        await script.ExpectValueAsync("File exists: d ++ \"/out.txt\"", "false");
        await script.ExpectValueAsync("File exists: d ++ \"/moved.txt\"", "true");
        await script.ExpectAsync("File delete: d ++ \"/moved.txt\"", ok: true);
        await script.ExpectValueAsync("File exists: d ++ \"/moved.txt\"", "false");
    }

    private static async Task ErrorKindsAsync(FileScript script)
    {
        await script.ExpectAsync("File writeAll: d ++ \"/f.txt\" contents: \"x\"", ok: true);
        await script.ExpectKindAsync($"File readAll: \"/nonexistent-{Unique()}\"", "not_found");
        await script.ExpectKindAsync("File readAll: d ++ \"/missing.txt\"", "not_found");
        await script.ExpectKindAsync("File delete: d ++ \"/missing.txt\"", "not_found");
        await script.ExpectKindAsync("File readAll: d", "is_directory");
        await script.ExpectKindAsync("File readAll: d ++ \"/f.txt/child\"", "not_directory");
        await script.ExpectKindAsync("File mkdir: d", "already_exists");
    }

    private static async Task PermissionCasesAsync(FileScript script, WorkspaceInstance instance, bool otherUser, CancellationToken cancellationToken)
    {
        // Root owns these (or, without root, they carry no permission for anyone): the workspace user may see them, not use them.
        var secret = Path.Combine(instance.Home, $".cap-file-secret-{Unique()}");
        await File.WriteAllTextAsync(secret, "secret", cancellationToken);
        File.SetUnixFileMode(secret, otherUser ? UnixFileMode.UserRead | UnixFileMode.UserWrite : UnixFileMode.None);
        var locked = Directory.CreateDirectory(Path.Combine(instance.Home, $".cap-file-locked-{Unique()}")).FullName;
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
            | (otherUser ? UnixFileMode.UserWrite : UnixFileMode.None));

        await script.ExpectValueAsync($"File exists: {LanguageSession.Quote(secret)}", "true");
        await script.ExpectKindAsync($"File readAll: {LanguageSession.Quote(secret)}", "permission_denied");
        await script.ExpectKindAsync($"File writeAll: {LanguageSession.Quote(locked + "/x.txt")} contents: \"x\"", "permission_denied");
        await script.ExpectKindAsync($"File mkdir: {LanguageSession.Quote(locked + "/sub")}", "permission_denied");
    }

    // Twelve hex digits: unique enough, and far from the length of anything the secret scanners look for.
    private static string Unique() => Guid.NewGuid().ToString("N")[..12];

    private static void RemoveQuietly(string directory)
    {
        try
        {
            if (directory.StartsWith('/') && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The kit's own cleanup of a scratch directory; the verdict stands either way.
        }
    }

    /// <summary>Sends one statement at a time and fails CAP-FILE at the first answer that is not what ADR 0063 says.</summary>
    private sealed class FileScript(LanguageSession session, CancellationToken cancellationToken)
    {
        public async Task<EvalAnswer> ValueAsync(string code)
        {
            var answer = await session.EvalAsync(code, cancellationToken);
            return answer.Failed ? throw Violation(answer, "a value") : answer;
        }

        public async Task ExpectAsync(string code, bool ok)
        {
            var answer = await session.EvalAsync(code, cancellationToken);
            if (answer.Failed == ok)
            {
                throw Violation(answer, ok ? "success" : "an error");
            }
        }

        public async Task ExpectValueAsync(string code, string expected)
        {
            var answer = await ValueAsync(code);
            if (answer.Value != expected)
            {
                throw Violation(answer, expected);
            }
        }

        public async Task ExpectContainsAsync(string code, string expected)
        {
            var answer = await ValueAsync(code);
            if (!answer.Value!.Contains(expected, StringComparison.Ordinal))
            {
                throw Violation(answer, $"a value containing '{expected}'");
            }
        }

        public async Task ExpectKindAsync(string code, string kind)
        {
            var answer = await session.EvalAsync(code, cancellationToken);
            if (!answer.FailedWith(kind))
            {
                throw Violation(answer, $"an error of kind {kind}");
            }
        }

        private static CheckEndedException Violation(EvalAnswer answer, string expected) =>
            CheckEnd.Violation($"`{answer.Code}` answered {answer.Describe()}, expected {expected}.");
    }
}
