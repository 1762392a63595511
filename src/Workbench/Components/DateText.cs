using System.Globalization;

namespace ArPlatform.Workbench.Components;

/// <summary>
/// A date typed into a form. The workbench asks for dates as text, not with the browser's date control: that control
/// shows the browser's own locale (mm/dd/yyyy in an en-US Chrome, whatever the page's lang says), while the workbench
/// writes 07-Dec-2026 everywhere. Day first, as written in India: 7-12-2026, 07/12/2026, 07.12.26, 7-Dec-2026,
/// 7 Dec 2026; and 2026-12-07 (an address or a pasted ISO date).
/// </summary>
public static class DateText
{
    /// <summary>The hint shown beside a date field.</summary>
    public const string Hint = "dd-mm-yyyy";

    private static readonly string[] Formats =
    [
        "d-M-yyyy", "d/M/yyyy", "d.M.yyyy", "d-M-yy", "d/M/yy", "d.M.yy",
        "d-MMM-yyyy", "d MMM yyyy", "d-MMM-yy", "d MMM yy", "d/MMM/yyyy",
        "yyyy-MM-dd",
    ];

    /// <summary>The date the text names, or null when it names none (empty text is not a date either).</summary>
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
