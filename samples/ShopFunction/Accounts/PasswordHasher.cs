using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ShopFunction.Accounts;

/// <summary>
/// Salted PBKDF2-HMAC-SHA256 password hashes from the base library (<see cref="Rfc2898DeriveBytes.Pbkdf2(string, byte[], int, HashAlgorithmName, int)"/>),
/// stored as <c>pbkdf2-sha256$iterations$salt$hash</c> (base64), so the iteration count can rise
/// without invalidating stored hashes. Passwords are never stored or logged in clear.
/// </summary>
internal sealed class PasswordHasher
{
    /// <summary>OWASP's Password Storage Cheat Sheet figure for PBKDF2-HMAC-SHA256 (600,000 iterations).</summary>
    public const int DefaultIterations = 600_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly int _iterations;
    private readonly Lazy<string> _decoy;

    /// <summary>Creates a hasher that hashes new passwords with <paramref name="iterations"/> iterations.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterations"/> is less than 1.</exception>
    public PasswordHasher(int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        _iterations = iterations;
        // Verifying against a hash of the same cost when the account does not exist keeps an unknown
        // name as slow as a wrong password, so timing does not tell which names are registered.
        _decoy = new Lazy<string>(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(SaltBytes))));
    }

    /// <summary>Hashes <paramref name="password"/> (UTF-8) with a new 128-bit random salt.</summary>
    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, _iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${_iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>
    /// Whether <paramref name="password"/> matches <paramref name="stored"/>, compared in constant time.
    /// With <paramref name="stored"/> <see langword="null"/> (no such account) it does the same work and
    /// returns <see langword="false"/>. A malformed stored hash never matches.
    /// </summary>
    public bool Verify(string password, string? stored)
    {
        if (stored is null)
        {
            Verify(password, _decoy.Value);
            return false;
        }

        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1
            || !TryFromBase64(parts[2], out var salt) || !TryFromBase64(parts[3], out var expected) || expected.Length == 0)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryFromBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
