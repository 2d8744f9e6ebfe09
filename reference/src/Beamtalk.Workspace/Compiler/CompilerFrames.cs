using System.Buffers.Binary;

namespace Beamtalk.Workspace.Compiler;

/// <summary>
/// The compiler daemon's wire format: each frame is a 4-byte big-endian length and that many bytes.
/// A request is one frame, <c>{"source": "..."}</c>, with <c>"kind": "classes"</c> for a <c>load-source</c> op. A reply is a header frame, <c>{"ok": true}</c>
/// followed by a frame with the encoded program, or <c>{"ok": false, "kind": "...", "message": "..."}</c>.
/// </summary>
internal static class CompilerFrames
{
    /// <summary>64 MiB: above the largest eval message the server accepts, so every source fits, and small next to the daemon's heap cap.</summary>
    public const int MaxFrameBytes = 64 * 1024 * 1024;

    /// <summary>The request's <c>kind</c> for class definitions; without it the source is statements to evaluate.</summary>
    public const string ClassDefinitionsKind = "classes";

    public static async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, payload.Length);
        await stream.WriteAsync(header, cancellationToken);
        await stream.WriteAsync(payload, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>The next frame, or null when the peer closed the connection cleanly between frames.</summary>
    /// <exception cref="InvalidDataException">A length beyond <see cref="MaxFrameBytes"/>, or the stream ended inside a frame.</exception>
    public static async Task<byte[]?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        var got = await stream.ReadAtLeastAsync(header, 4, throwOnEndOfStream: false, cancellationToken);
        if (got == 0)
        {
            return null;
        }

        if (got < 4)
        {
            throw new InvalidDataException("the stream ended inside a frame header");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length is < 0 or > MaxFrameBytes)
        {
            throw new InvalidDataException($"frame of {length} bytes is beyond the {MaxFrameBytes}-byte limit");
        }

        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, cancellationToken);
        return payload;
    }
}
