using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ArPlatform.ServiceDefaults.Http;

/// <summary>Business dates: "today" is the date in India (Asia/Kolkata), from the injected clock.</summary>
public static class BusinessDate
{
    public static readonly TimeZoneInfo India = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), India).DateTime);

    /// <summary>An <c>asOf</c> query value (YYYY-MM-DD), today when absent; a problem naming the field when malformed.</summary>
    public static bool TryParseAsOf(string? asOf, TimeProvider clock, out DateOnly date, out IResult? problem)
    {
        problem = null;
        if (asOf is null)
        {
            date = Today(clock);
            return true;
        }

        if (DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        problem = new Validation().Add("asOf", "must be a date in the form YYYY-MM-DD.").Problem();
        return false;
    }
}
