using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Cicero.Notifications.Domain;

/// <summary>Version 7 GUIDs (RFC 9562) with cryptographic randomness drawn from a per-thread buffer.</summary>
internal static class IdEntropy
{
    private const int BytesPerId = 10;
    private const int IdsPerRefill = 48;

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static int t_next;

    /// <summary>Creates a version 7 GUID: 48 bits of Unix milliseconds, the version, 74 random bits and the variant.</summary>
    /// <param name="timestamp">The time to encode; not before the Unix epoch.</param>
    /// <returns>The GUID.</returns>
    public static Guid NewVersion7(DateTimeOffset timestamp)
    {
        var milliseconds = timestamp.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, nameof(timestamp));

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds << 16);
        Random().CopyTo(bytes[6..]);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F)); // version 7
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F)); // variant 10
        return new Guid(bytes, bigEndian: true);
    }

    private static ReadOnlySpan<byte> Random()
    {
        var buffer = t_buffer ??= new byte[BytesPerId * IdsPerRefill];
        var next = t_next;
        if (next == 0)
        {
            RandomNumberGenerator.Fill(buffer);
        }

        var slice = buffer.AsSpan(next * BytesPerId, BytesPerId);
        t_next = (next + 1) % IdsPerRefill;
        return slice;
    }
}
