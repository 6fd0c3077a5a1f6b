using System.Text.RegularExpressions;

namespace Marketplace.Shared.Storage.Tables;

/// <summary>Validates table names and entity keys before they reach the service, with messages naming the fault.</summary>
public static partial class TableKeys
{
    /// <summary>
    /// Checks a partition or row key: not null, and none of '/', '\', '#', '?' or control characters
    /// (U+0000-U+001F, U+007F-U+009F), which the Table service forbids in keys. (The 1 KiB size limit is
    /// left to the service.)
    /// </summary>
    /// <returns>The key unchanged.</returns>
    /// <exception cref="ArgumentException">The key is not valid; the message names the character and its position.</exception>
    public static string Validate(string key, string keyName)
    {
        if (key is null)
        {
            throw new ArgumentNullException(keyName, $"{keyName} must not be null.");
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                var shown = char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
                throw new ArgumentException(
                    $"{keyName} '{(char.IsControl(c) ? key.Replace(c, ' ') : key)}' contains the character {shown} at position {i}; table keys must not contain '/', '\\', '#', '?' or control characters.",
                    keyName);
            }
        }

        return key;
    }

    /// <summary>Checks a table name: 3-63 characters, letters and digits only, starting with a letter.</summary>
    /// <returns>The name unchanged.</returns>
    /// <exception cref="ArgumentException">The name is not valid; the message says which rule it breaks.</exception>
    public static string ValidateTableName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!TableNamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"Table name '{name}' is not valid: it must be 3-63 characters long, letters and digits only, and start with a letter.",
                nameof(name));
        }

        return name;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();
}
