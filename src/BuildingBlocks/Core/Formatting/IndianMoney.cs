using System.Globalization;

namespace ArPlatform.BuildingBlocks.Formatting;

/// <summary>
/// Amounts as Indian readers write them: the last three digits, then groups of two (lakh, crore), two decimals.
/// Written out rather than taken from the en-IN culture, whose data differs between ICU versions and is absent
/// under invariant globalisation.
/// </summary>
public static class IndianMoney
{
    /// <summary>The amount with the rupee sign: 118000.5 → "₹1,18,000.50", -500 → "-₹500.00".</summary>
    public static string Format(decimal amount) => Format(amount, "₹");

    /// <summary>The amount without the rupee sign, for PDF tables and CSV: 118000.5 → "1,18,000.50".</summary>
    public static string FormatPlain(decimal amount) => Format(amount, "");

    private static string Format(decimal amount, string symbol)
    {
        var rounded = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        var digits = Math.Abs(rounded).ToString("0.00", CultureInfo.InvariantCulture);
        var point = digits.Length - 3;

        var grouped = new System.Text.StringBuilder(digits.Length + digits.Length / 2 + symbol.Length + 1);
        if (rounded < 0)
        {
            grouped.Append('-');
        }
        grouped.Append(symbol);
        for (var i = 0; i < point; i++)
        {
            var left = point - i;
            if (i > 0 && (left == 3 || (left > 3 && (left - 3) % 2 == 0)))
            {
                grouped.Append(',');
            }
            grouped.Append(digits[i]);
        }
        return grouped.Append(digits, point, 3).ToString();
    }
}

/// <summary>Dates as Indian business letters write them: "02-Dec-2026".</summary>
public static class IndianDate
{
    private static readonly string[] Months =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The date as dd-MMM-yyyy with English month abbreviations, whatever the culture.</summary>
    public static string Format(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Day:00}-{Months[date.Month - 1]}-{date.Year:0000}");
}
