namespace ArPlatform.Reporting.Kpis;

/// <summary>One point of a KPI trend: the tenant's figures as of <see cref="AsOf"/>, the end of an interval.</summary>
public sealed record KpiTrendPoint(DateOnly AsOf, KpiGroup Figures);

public sealed record KpiTrend(DateOnly From, DateOnly To, string Interval, int PeriodDays, KpiConventions Conventions, IReadOnlyList<KpiTrendPoint> Points)
{
    public const int MaxPoints = 60;

    /// <summary>The end of each month (or week, ending Sunday) from <paramref name="from"/> on, and <paramref name="to"/> itself last.</summary>
    public static List<DateOnly> Dates(DateOnly from, DateOnly to, string interval)
    {
        var dates = new List<DateOnly>();
        var date = interval == "week"
            ? from.AddDays(((int)DayOfWeek.Sunday - (int)from.DayOfWeek + 7) % 7)
            : new DateOnly(from.Year, from.Month, 1).AddMonths(1).AddDays(-1);
        while (date < to && dates.Count <= MaxPoints)
        {
            dates.Add(date);
            date = interval == "week" ? date.AddDays(7) : new DateOnly(date.Year, date.Month, 1).AddMonths(2).AddDays(-1);
        }

        dates.Add(to);
        return dates;
    }
}
