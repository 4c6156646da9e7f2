using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Cicero.Notifications.Domain;

/// <summary>Version 7 GUIDs (RFC 9562) with cryptographic randomness drawn from a per-thread buffer.</summary>
internal static class IdEntropy
{
    private const int BytesPerId = 10;
    private const int IdsPerRefill = 256;

    // One thread-static per thread, holding both the bytes and the position: a single thread-local lookup per id.
    [ThreadStatic]
    private static Pool? t_pool;

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
        // "=" for "??=" is an equivalent mutant: a new pool is filled at once, so ids stay as random (only slower).
        var pool = t_pool ??= new Pool();
        var next = pool.Next;
        if (next == 0)
        {
            RandomNumberGenerator.Fill(pool.Bytes);
        }

        pool.Next = (next + 1) % IdsPerRefill;
        return pool.Bytes.AsSpan(next * BytesPerId, BytesPerId);
    }

    /// <summary>A thread's random bytes (one system call per <see cref="IdsPerRefill"/> ids) and how many it has used.</summary>
    private sealed class Pool
    {
        public readonly byte[] Bytes = new byte[BytesPerId * IdsPerRefill];
        public int Next;
    }
}
