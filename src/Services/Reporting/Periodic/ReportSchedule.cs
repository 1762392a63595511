using System.ComponentModel.DataAnnotations;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.ServiceDefaults.OpenApi;

namespace ArPlatform.Reporting.Periodic;

/// <summary>When a tenant's client report is made and who gets it: weekly on a weekday, or monthly on a day of the month.</summary>
public sealed class ReportSchedule : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>weekly or monthly.</summary>
    public required string Frequency { get; set; }

    /// <summary>Weekly: the ISO weekday (1 = Monday … 7 = Sunday). Monthly: the day of the month (1–28).</summary>
    public int Day { get; set; }

    public List<string> Recipients { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The period a run on <paramref name="date"/> reports on, or null when the schedule does not run that day: weekly, the
    /// seven days before it; monthly, the calendar month before it.
    /// </summary>
    public ReportPeriod? PeriodDueOn(DateOnly date) => Frequency switch
    {
        ReportFrequencies.Weekly when IsoDay(date) == Day => ReportPeriod.WeekBefore(date),
        ReportFrequencies.Monthly when date.Day == Day => ReportPeriod.MonthBefore(date),
        _ => null,
    };

    /// <summary>The first day on or after <paramref name="from"/> the schedule runs.</summary>
    public DateOnly NextRunOn(DateOnly from)
    {
        var date = from;
        while (PeriodDueOn(date) is null)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    public static int IsoDay(DateOnly date) => ((int)date.DayOfWeek + 6) % 7 + 1;
}

public static class ReportFrequencies
{
    public const string Weekly = "weekly";
    public const string Monthly = "monthly";

    public static readonly IReadOnlyList<string> All = [Weekly, Monthly];
}

/// <summary>The days a report covers, both included.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    public static ReportPeriod WeekBefore(DateOnly date) => new(date.AddDays(-7), date.AddDays(-1));

    public static ReportPeriod MonthBefore(DateOnly date)
    {
        var first = new DateOnly(date.Year, date.Month, 1).AddMonths(-1);
        return new ReportPeriod(first, first.AddMonths(1).AddDays(-1));
    }
}

public sealed record ScheduleRequest(
    [property: MaxLength(10)] string? Frequency, int? Day, [property: MaxLength(PeriodicReports.MaxRecipients)][property: ItemsMaxLength(254)] List<string?>? Recipients);

public sealed record ScheduleResponse(string Frequency, int Day, IReadOnlyList<string> Recipients, DateOnly NextRunOn, ReportPeriod NextPeriod, DateTimeOffset UpdatedAt);
