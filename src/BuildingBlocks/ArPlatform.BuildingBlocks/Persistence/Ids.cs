using System.Security.Cryptography;

namespace ArPlatform.BuildingBlocks.Persistence;

/// <summary>
/// Version 7 UUIDs (time-ordered, 74 random bits), as <see cref="Guid.CreateVersion7(DateTimeOffset)"/> makes them, but
/// with the random bits drawn from the operating system's secure generator 256 ids at a time. Guid.CreateVersion7 asks
/// it for every id, a cost that showed in every bulk-imported invoice (ADR 0005).
/// </summary>
public static class Ids
{
    private const int IdsPerRefill = 256;

    [ThreadStatic]
    private static byte[]? _random;

    [ThreadStatic]
    private static int _next;

    public static Guid NewVersion7(DateTimeOffset timestamp)
    {
        var milliseconds = timestamp.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, nameof(timestamp));
        var random = _random ??= new byte[16 * IdsPerRefill];
        if (_next % IdsPerRefill == 0)
        {
            RandomNumberGenerator.Fill(random);
            _next = 0;
        }

        // RFC 9562 layout, big-endian: 48 bits of Unix milliseconds, version 7, 12 random bits, variant 10, 62 random bits.
        Span<byte> bytes = stackalloc byte[16];
        random.AsSpan(16 * _next++, 16).CopyTo(bytes);
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
