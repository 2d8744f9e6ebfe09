using System.Text;
using Beamtalk.Language.Runtime;
using Beamtalk.Language.Runtime.Values;

namespace Beamtalk.Language.Globals;

/// <summary>
/// File-system access as the user running the workspace. Paths are passed to the operating system unchanged:
/// absolute paths and <c>..</c> are allowed and the OS decides (ADR 0063), so there is no path validation here.
/// Success answers <c>Result ok: value</c>; failure raises an error whose kind comes from <see cref="FileFailure"/>.
/// </summary>
internal sealed class FileGlobal : GlobalObject
{
    private const int ReadChunkLength = 64 * 1024;

    private static readonly UTF8Encoding Utf8WithoutMark = new(encoderShouldEmitUTF8Identifier: false);

    public override string Name => "File";

    protected override BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) => selector switch
        {
            "readAll:" => ReadAll(ExpectString(arguments[0], selector), evaluator),
            "writeAll:contents:" => WriteAll(
                ExpectString(arguments[0], selector),
                ExpectString(arguments[1], selector)),
            "exists:" => BooleanValue.Of(Exists(ExpectString(arguments[0], selector))),
            "isDirectory:" => BooleanValue.Of(Directory.Exists(ExpectString(arguments[0], selector))),
            "isFile:" => BooleanValue.Of(File.Exists(ExpectString(arguments[0], selector))),
            "lines:" => Lines(ReadAll(ExpectString(arguments[0], selector), evaluator)),
            "delete:" => FileOperations.Delete(ExpectString(arguments[0], selector)),
            "deleteAll:" => FileOperations.DeleteAll(ExpectString(arguments[0], selector)),
            "mkdir:" => FileOperations.MakeDirectory(ExpectString(arguments[0], selector)),
            "mkdirAll:" => FileOperations.MakeDirectories(ExpectString(arguments[0], selector)),
            "listDirectory:" => FileOperations.List(ExpectString(arguments[0], selector)),
            "rename:to:" => FileOperations.Rename(ExpectString(arguments[0], selector), ExpectString(arguments[1], selector)),
            "absolutePath:" => FileOperations.AbsolutePath(ExpectString(arguments[0], selector)),
            "tempDirectory" => new StringValue(TemporaryDirectory()),
            "cwd" => new StringValue(Environment.CurrentDirectory),
            _ => null,
        };

    private static ResultValue ReadAll(string path, Evaluator evaluator)
    {
        var limit = evaluator.Options.MaxStringLength;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var text = new StringBuilder();
            var chunk = new char[ReadChunkLength];
            int read;
            // Read in chunks against the limit so /dev/zero or a huge file stops with memory_limit, not an OOM.
            while ((read = reader.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (read > limit - text.Length)
                {
                    throw BeamtalkException.MemoryLimit($"{path} is longer than {limit} characters");
                }

                text.Append(chunk, 0, read);
                evaluator.Budget.ThrowIfCancelled();
            }

            return new ResultValue(new StringValue(text.ToString()));
        }
        catch (Exception exception) when (FileFailure.IsFileSystemFailure(exception))
        {
            throw FileFailure.From(exception, path);
        }
    }

    private static ResultValue WriteAll(string path, string contents)
    {
        try
        {
            File.WriteAllText(path, contents, Utf8WithoutMark);
            return new ResultValue(BooleanValue.True);
        }
        catch (Exception exception) when (FileFailure.IsFileSystemFailure(exception))
        {
            throw FileFailure.From(exception, path);
        }
    }

    // Lines end at \n; a \r before it belongs to the line ending, and a final line ending starts no empty line.
    private static ResultValue Lines(ResultValue contents)
    {
        var text = ((StringValue)contents.Value).Value;
        var lines = text.Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var values = new BeamtalkObject[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = new StringValue(lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i]);
        }

        return new ResultValue(new ArrayValue(values));
    }

    // A question, not an operation: anything the OS cannot stat simply does not exist.
    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    // $TMPDIR exactly as configured (a doubled slash in a path built from it is harmless); else /tmp.
    private static string TemporaryDirectory() =>
        Environment.GetEnvironmentVariable("TMPDIR") is { Length: > 0 } configured ? configured : "/tmp";
}
