using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Beamtalk.Conformance.Cli;

/// <summary>
/// A line chart of resolution against sample count, written as an 8-bit greyscale PNG with no
/// dependency: a raster, a 3×5 pixel font for the few labels, zlib for the image data and CRC-32
/// for the chunks. Both axes are linear; a dashed line marks the 1 µs target.
/// </summary>
internal static class ResolutionChart
{
    private const int Width = 640, Height = 400, Left = 60, Right = 20, Top = 30, Bottom = 50, Scale = 2;
    private const byte Ink = 0, Grid = 200, Paper = 255;

    public static byte[] Render(IReadOnlyList<(double Pairs, double Seconds, double Resolution)> points)
    {
        var pixels = new byte[Width * Height];
        Array.Fill(pixels, Paper);
        var maxX = NiceCeiling(points.Count == 0 ? 1 : points.Max(p => p.Pairs));
        var maxY = NiceCeiling(points.Count == 0 ? 1 : Math.Min(points.Max(p => p.Resolution), 10));
        int X(double v) => Left + (int)Math.Round(v / maxX * (Width - Left - Right));
        int Y(double v) => Height - Bottom - (int)Math.Round(Math.Min(v, maxY) / maxY * (Height - Top - Bottom));

        for (var i = 0; i <= 5; i++)
        {
            var x = X(maxX * i / 5);
            var y = Y(maxY * i / 5);
            Line(pixels, Left, y, Width - Right, y, Grid, dashed: false);
            Line(pixels, x, Top, x, Height - Bottom, Grid, dashed: false);
            Text(pixels, Number(maxX * i / 5), x - 8, Height - Bottom + 8);
            Text(pixels, Number(maxY * i / 5), 8, y - 5);
        }

        Line(pixels, Left, Top, Left, Height - Bottom, Ink, dashed: false);
        Line(pixels, Left, Height - Bottom, Width - Right, Height - Bottom, Ink, dashed: false);
        if (1 <= maxY)
        {
            Line(pixels, Left, Y(1), Width - Right, Y(1), Ink, dashed: true);
        }

        for (var i = 1; i < points.Count; i++)
        {
            Line(pixels, X(points[i - 1].Pairs), Y(points[i - 1].Resolution), X(points[i].Pairs), Y(points[i].Resolution), Ink, dashed: false);
        }

        foreach (var point in points)
        {
            Dot(pixels, X(point.Pairs), Y(point.Resolution));
        }

        Text(pixels, "RESOLUTION US (95% CI HALF WIDTH) AGAINST KEPT BLOCKS", Left, 8);
        Text(pixels, "KEPT BLOCKS (3 ROUND TRIPS EACH)", Left + 150, Height - 20);
        return Png(pixels);
    }

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(value, 1e-9))));
        foreach (var step in (double[])[1, 2, 2.5, 5, 10])
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Number(double value) =>
        value >= 100 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.#", CultureInfo.InvariantCulture);

    private static void Set(byte[] pixels, int x, int y, byte value)
    {
        if (x >= 0 && x < Width && y >= 0 && y < Height)
        {
            pixels[(y * Width) + x] = value;
        }
    }

    private static void Dot(byte[] pixels, int x, int y)
    {
        for (var dy = -2; dy <= 2; dy++)
        {
            for (var dx = -2; dx <= 2; dx++)
            {
                Set(pixels, x + dx, y + dy, Ink);
            }
        }
    }

    /// <summary>Bresenham; dashed skips every other run of four pixels.</summary>
    private static void Line(byte[] pixels, int x0, int y0, int x1, int y1, byte value, bool dashed)
    {
        int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, error = dx + dy;
        for (var step = 0; ; step++)
        {
            if (!dashed || step / 4 % 2 == 0)
            {
                Set(pixels, x0, y0, value);
            }

            if (x0 == x1 && y0 == y1)
            {
                return;
            }

            var twice = 2 * error;
            if (twice >= dy)
            {
                error += dy;
                x0 += sx;
            }

            if (twice <= dx)
            {
                error += dx;
                y0 += sy;
            }
        }
    }

    private static void Text(byte[] pixels, string text, int x, int y)
    {
        foreach (var c in text)
        {
            var rows = Font.GetValueOrDefault(c, Font[' ']);
            for (var row = 0; row < 5; row++)
            {
                for (var column = 0; column < 3; column++)
                {
                    if (rows[row][column] == '#')
                    {
                        for (var s = 0; s < Scale * Scale; s++)
                        {
                            Set(pixels, x + (column * Scale) + (s % Scale), y + (row * Scale) + (s / Scale), Ink);
                        }
                    }
                }
            }

            x += 4 * Scale;
        }
    }

    private static byte[] Png(byte[] pixels)
    {
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < Height; y++)
            {
                zlib.WriteByte(0); // filter: none
                zlib.Write(pixels, y * Width, Width);
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8; // bit depth; colour type 0 (greyscale), default compression, filter and interlace
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    /// <summary>CRC-32 (ISO-HDLC, the PNG and zlib one), bitwise: a few kilobytes of chart need no table.</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static readonly Dictionary<char, string[]> Font = new()
    {
        [' '] = ["...", "...", "...", "...", "..."],
        ['0'] = ["###", "#.#", "#.#", "#.#", "###"],
        ['1'] = [".#.", "##.", ".#.", ".#.", "###"],
        ['2'] = ["###", "..#", "###", "#..", "###"],
        ['3'] = ["###", "..#", "###", "..#", "###"],
        ['4'] = ["#.#", "#.#", "###", "..#", "..#"],
        ['5'] = ["###", "#..", "###", "..#", "###"],
        ['6'] = ["###", "#..", "###", "#.#", "###"],
        ['7'] = ["###", "..#", "..#", "..#", "..#"],
        ['8'] = ["###", "#.#", "###", "#.#", "###"],
        ['9'] = ["###", "#.#", "###", "..#", "###"],
        ['.'] = ["...", "...", "...", "...", ".#."],
        ['%'] = ["#.#", "..#", ".#.", "#..", "#.#"],
        ['('] = [".#.", "#..", "#..", "#..", ".#."],
        [')'] = [".#.", "..#", "..#", "..#", ".#."],
        ['A'] = ["###", "#.#", "###", "#.#", "#.#"],
        ['B'] = ["##.", "#.#", "##.", "#.#", "##."],
        ['C'] = ["###", "#..", "#..", "#..", "###"],
        ['D'] = ["##.", "#.#", "#.#", "#.#", "##."],
        ['E'] = ["###", "#..", "##.", "#..", "###"],
        ['F'] = ["###", "#..", "##.", "#..", "#.."],
        ['G'] = ["###", "#..", "#.#", "#.#", "###"],
        ['H'] = ["#.#", "#.#", "###", "#.#", "#.#"],
        ['I'] = ["###", ".#.", ".#.", ".#.", "###"],
        ['K'] = ["#.#", "#.#", "##.", "#.#", "#.#"],
        ['L'] = ["#..", "#..", "#..", "#..", "###"],
        ['N'] = ["##.", "#.#", "#.#", "#.#", "#.#"],
        ['O'] = ["###", "#.#", "#.#", "#.#", "###"],
        ['P'] = ["###", "#.#", "###", "#..", "#.."],
        ['R'] = ["##.", "#.#", "##.", "#.#", "#.#"],
        ['S'] = ["###", "#..", "###", "..#", "###"],
        ['T'] = ["###", ".#.", ".#.", ".#.", ".#."],
        ['U'] = ["#.#", "#.#", "#.#", "#.#", "###"],
        ['W'] = ["#.#", "#.#", "#.#", "###", "#.#"],
    };
}
