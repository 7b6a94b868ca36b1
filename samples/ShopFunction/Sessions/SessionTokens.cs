using System.Security.Cryptography;
using System.Text;

namespace ShopFunction.Sessions;

/// <summary>
/// Session ids: 256 random bits from <see cref="RandomNumberGenerator"/>, as 43 base64url characters.
/// The store keeps only their SHA-256 (<see cref="StorageKey"/>), so a copy of the database gives no
/// one a live session.
/// </summary>
internal static class SessionTokens
{
    private const int TokenBytes = 32;

    /// <summary>The length of every session id (base64url of 32 bytes, unpadded).</summary>
    public const int Length = 43;

    /// <summary>A new session id.</summary>
    public static string New()
        => Convert.ToBase64String(RandomNumberGenerator.GetBytes(TokenBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Whether <paramref name="sessionId"/> has the shape of an id <see cref="New"/> makes; others are unknown without a lookup.</summary>
    public static bool IsWellFormed(string sessionId)
    {
        if (sessionId.Length != Length)
        {
            return false;
        }

        foreach (var c in sessionId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What the store keeps for <paramref name="sessionId"/>: the hex SHA-256 of its UTF-8 bytes.</summary>
    public static string StorageKey(string sessionId) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));
}
