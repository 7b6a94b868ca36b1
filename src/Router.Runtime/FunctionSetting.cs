namespace Router.Runtime;

/// <summary>
/// One environment variable a function reads, declared once (<see cref="FunctionHostOptions.Settings"/>)
/// so that the function reads it by this declaration and <c>manifest aws|fc|scf</c> writes it into each
/// platform's deployment description: as a parameter or environment entry carrying <see cref="DefaultValue"/>,
/// or, for a secret, as a value taken from the deployer's environment at deploy time, never written down.
/// </summary>
/// <param name="name">The variable's name, for example <c>SHOP_SQLITE_PATH</c>: letters, digits and underscores, a letter first.</param>
/// <param name="description">What the variable sets, in one sentence, as descriptions show it.</param>
/// <exception cref="ArgumentException"><paramref name="name"/> is not a valid variable name (the platforms accept <c>[A-Za-z][A-Za-z0-9_]*</c>).</exception>
public sealed class FunctionSetting(string name, string description)
{
    /// <summary>The variable's name.</summary>
    public string Name { get; } = IsValidName(name) ? name : throw new ArgumentException($"'{name}' is not an environment variable name the platforms accept ([A-Za-z][A-Za-z0-9_]*).", nameof(name));

    /// <summary>What the variable sets.</summary>
    public string Description { get; } = description ?? throw new ArgumentNullException(nameof(description));

    /// <summary>
    /// The value the function uses when the variable is unset, written into descriptions as the deployed value;
    /// <see langword="null"/> when unset means "off" or "not configured". Never set on a secret.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set on a setting whose <see cref="IsSecret"/> is true.</exception>
    public string? DefaultValue
    {
        get;
        init => field = IsSecret && value is not null
            ? throw new InvalidOperationException($"{Name} is a secret: a secret has no default value written anywhere.")
            : value;
    }

    /// <summary>
    /// A secret (an app secret, a private key, a connection string with a password): descriptions take its
    /// value from the deployer's environment at deploy time and never write one.
    /// </summary>
    public bool IsSecret
    {
        get;
        init => field = value && DefaultValue is not null
            ? throw new InvalidOperationException($"{Name} has a default value, so it cannot be a secret.")
            : value;
    }

    /// <summary>Reads the variable: its value, or <see langword="null"/> when it is unset, empty or only white space.</summary>
    /// <param name="environment">Reads an environment variable, for example <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    public string? Read(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment(Name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static bool IsValidName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
