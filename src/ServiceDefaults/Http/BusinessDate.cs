using System.Globalization;
using ArPlatform.BuildingBlocks.Time;
using Microsoft.AspNetCore.Http;

namespace ArPlatform.ServiceDefaults.Http;

/// <summary>Business dates: "today" is the date in India (<see cref="India"/>), from the injected clock.</summary>
public static class BusinessDate
{
    /// <summary>The earliest business date accepted anywhere (ADR 0014): older dates are typing errors, not history.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>How far ahead a due date or an as-of date may lie (ADR 0014).</summary>
    public const int MaxYearsAhead = 10;

    /// <summary>The latest due date or as-of date accepted on <paramref name="today"/>.</summary>
    public static DateOnly Latest(DateOnly today) => today.AddYears(MaxYearsAhead);

    public static DateOnly Today(TimeProvider clock) => Of(clock.GetUtcNow());

    /// <summary>The date in India at <paramref name="moment"/>.</summary>
    public static DateOnly Of(DateTimeOffset moment) => India.Date(moment);

    /// <summary>An <c>asOf</c> query value (YYYY-MM-DD), today when absent; a problem naming the field when malformed.</summary>
    public static bool TryParseAsOf(string? asOf, TimeProvider clock, out DateOnly date, out IResult? problem)
    {
        problem = null;
        if (asOf is null)
        {
            date = Today(clock);
            return true;
        }

        var validation = new Validation();
        if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            validation.Add("asOf", "must be a date in the form YYYY-MM-DD.");
        }
        else
        {
            validation.BusinessDate("asOf", date, Latest(Today(clock)), $"must be at most {MaxYearsAhead} years ahead.");
        }

        problem = validation.IsValid ? null : validation.Problem();
        return validation.IsValid;
    }
}
