using System.Globalization;

namespace ArPlatform.Workbench.Components;

/// <summary>
/// Query-string values read as text and parsed here: a mistyped address (tenant=abc, page=x) shows the page without
/// that filter instead of failing, as Blazor's typed query binding would.
/// </summary>
public static class QueryValues
{
    public static Guid? AsGuid(string? value) => Guid.TryParse(value, out var id) ? id : null;

    public static int? AsInt(string? value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    public static decimal? AsDecimal(string? value) => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    public static DateOnly? AsDate(string? value) => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
