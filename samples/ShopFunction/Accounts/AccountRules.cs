using ShopFunction.Errors;

namespace ShopFunction.Accounts;

/// <summary>
/// What a name and a password must be. Names: 3 to 32 characters, ASCII letters, digits, <c>_</c>,
/// <c>-</c> and <c>.</c>, starting with a letter; unique ignoring case. Passwords: 8 to 128
/// characters (the minimum is NIST SP 800-63B's for user-chosen passwords; the maximum bounds the
/// work one request can ask of PBKDF2).
/// </summary>
internal static class AccountRules
{
    public const int MinNameLength = 3;
    public const int MaxNameLength = 32;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    /// <summary>Checks a new account's name and password; throws <see cref="ShopError"/> naming the rule broken.</summary>
    public static void Validate(string? name, string? password)
    {
        if (!IsValidName(name))
        {
            throw new ShopError(ShopErrorCodes.InvalidName, $"name must be {MinNameLength} to {MaxNameLength} characters: letters, digits, '_', '-' or '.', starting with a letter");
        }

        if (password is null || password.Length is < MinPasswordLength or > MaxPasswordLength)
        {
            throw new ShopError(ShopErrorCodes.InvalidPassword, $"password must be {MinPasswordLength} to {MaxPasswordLength} characters");
        }
    }

    /// <summary>The key a name is stored and looked up under: names are unique ignoring case.</summary>
    public static string NameKey(string name) => name.ToLowerInvariant();

    private static bool IsValidName(string? name)
    {
        if (name is null || name.Length is < MinNameLength or > MaxNameLength || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
