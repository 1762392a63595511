using System.Text.RegularExpressions;

namespace ArPlatform.Customers.Customers;

/// <summary>PAN rules: five letters, four digits (not 0000), a letter; the fourth letter is the holder type.</summary>
public static partial class Pan
{
    /// <summary>A association of persons, B body of individuals, C company, F firm/LLP, G government, H HUF,
    /// J artificial juridical person, L local authority, P individual, T trust.</summary>
    public const string HolderTypes = "ABCFGHJLPT";

    [GeneratedRegex("^[A-Z]{5}[0-9]{4}[A-Z]$")]
    private static partial Regex Format();

    /// <summary>Null when valid, else the rule the value breaks.</summary>
    public static string? Validate(string value)
    {
        if (!Format().IsMatch(value))
        {
            return "must be 10 characters: five letters, four digits, a letter (uppercase), e.g. AAQCA8719H.";
        }

        if (!HolderTypes.Contains(value[3], StringComparison.Ordinal))
        {
            return $"the 4th character '{value[3]}' is not a PAN holder type (one of {HolderTypes}).";
        }

        return value[5..9] == "0000" ? "the serial number (characters 6-9) must not be 0000." : null;
    }
}
