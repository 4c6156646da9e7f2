using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Cicero.Notifications.Verification;

/// <summary>
/// E-mail verification tokens: 256 random bits from the operating system's CSPRNG, written base64url
/// (43 characters). Only the SHA-256 hash (lower-case hex) is stored; tokens are compared by hash in constant time.
/// </summary>
internal static class VerificationToken
{
    /// <summary>The random bytes in a token: 256 bits, twice the 128 the rules require.</summary>
    public const int ByteCount = 32;

    /// <summary>The length of a token in characters (base64url without padding).</summary>
    public const int Length = 43;

    private const int HashByteCount = 32;

    /// <summary>Creates a new token and its hash.</summary>
    public static (string Token, string Hash) Create()
    {
        Span<byte> random = stackalloc byte[ByteCount];
        RandomNumberGenerator.Fill(random);
        var token = Base64Url.EncodeToString(random);
        return (token, Convert.ToHexStringLower(Hash(token)));
    }

    /// <summary>Hashes a token as received; <see langword="false"/> for anything that cannot be one of ours (no store lookup needed).</summary>
    public static bool TryHash(string? token, out string hashHex, out byte[] hash)
    {
        hashHex = "";
        hash = [];
        if (token is null || token.Length != Length || !Base64Url.IsValid(token.AsSpan(), out var decoded) || decoded != ByteCount)
        {
            return false;
        }

        hash = Hash(token);
        hashHex = Convert.ToHexStringLower(hash);
        return true;
    }

    /// <summary>Compares a stored hash (hex) with a computed one in constant time.</summary>
    public static bool Matches(string? storedHashHex, byte[] hash)
    {
        if (storedHashHex is null || storedHashHex.Length != HashByteCount * 2)
        {
            return false;
        }

        Span<byte> stored = stackalloc byte[HashByteCount];
        return Convert.FromHexString(storedHashHex, stored, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == HashByteCount
            && CryptographicOperations.FixedTimeEquals(stored, hash);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));
}
