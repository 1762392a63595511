using System.Text.RegularExpressions;

namespace ArPlatform.Customers.Customers;

/// <summary>
/// GSTIN rules: 2-digit state code (01-38, 97 or 99), the holder's PAN, entity number, 'Z', and a mod-36 check
/// character over the first 14 characters.
/// </summary>
public static partial class Gstin
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    [GeneratedRegex("^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")]
    private static partial Regex Format();

    /// <summary>Null when valid, else the rule the value breaks.</summary>
    public static string? Validate(string value)
    {
        if (!Format().IsMatch(value))
        {
            return "must be 15 characters: 2-digit state code, 10-character PAN, entity number, 'Z', check character (uppercase).";
        }

        var state = int.Parse(value[..2], System.Globalization.CultureInfo.InvariantCulture);
        if (state is not (>= 1 and <= 38 or 97 or 99))
        {
            return $"state code {value[..2]} is not a valid GST state code (01-38, 97 or 99).";
        }

        return CheckCharacter(value[..14]) == value[14] ? null : "check character does not match (mod-36 checksum).";
    }

    public static char CheckCharacter(string first14)
    {
        var sum = 0;
        for (var i = 0; i < 14; i++)
        {
            var product = Alphabet.IndexOf(first14[i], StringComparison.Ordinal) * (i % 2 == 0 ? 1 : 2);
            sum += (product / 36) + (product % 36);
        }

        return Alphabet[(36 - (sum % 36)) % 36];
    }
}
