using ArPlatform.Reporting.Exports;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Reporting.Kpis;

public static class KpiEndpoints
{
    public const int MaxPeriodDays = 730;

    public static void MapKpiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reports/kpis", GetAsync).WithTags("Reports").RequireTenantScope(Scopes.ReportsRead)
            .WithName("GetKpis")
            .WithSummary("DSO (countback, the headline, and standard), best possible DSO, average days delinquent, CEI, bad-debt ratio, promise-to-pay " +
                         "kept rate, disputes and cash collected as of a date (default today in India) over the periodDays before it (default 90), " +
                         "each with the inputs its formula used; groupBy tenant (default), region, dealer (a distributor's figures include its dealers'), " +
                         "collector, portfolio or customer; format=csv|xlsx exports one row per group.")
            .Produces<KpiReport>().Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: ReportFile.XlsxContentType).ProducesValidationProblem();
        app.MapGet("/api/v1/reports/kpis/trend", GetTrendAsync).WithTags("Reports").RequireTenantScope(Scopes.ReportsRead)
            .WithName("GetKpiTrend")
            .WithSummary("The tenant's KPIs at the end of each month or week (interval=month|week) from one date to another, for charts.")
            .Produces<KpiTrend>().ProducesValidationProblem();
    }

    private static async Task<IResult> GetAsync(string? asOf, int? periodDays, string? groupBy, string? format, KpiReports reports, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!BusinessDate.TryParseAsOf(asOf, clock, out var date, out var invalid))
        {
            return invalid!;
        }

        var validation = Period(new Validation(), periodDays)
            .When(groupBy is not null && !KpiGroupings.All.Contains(groupBy), "groupBy", $"must be one of {string.Join(", ", KpiGroupings.All)}.")
            .When(ExportFormats.Rule(format) is not null, "format", ExportFormats.Rule(format)!);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var report = await reports.LoadAsync(date, periodDays ?? 90, groupBy ?? KpiGroupings.Tenant, cancellationToken);
        return format is null or ExportFormats.Json ? TypedResults.Ok(report) : new ReportFile(KpiTable.Of(report), format);
    }

    private static async Task<IResult> GetTrendAsync(string? from, string? to, string? interval, int? periodDays, KpiReports reports, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!BusinessDate.TryParseAsOf(to, clock, out var end, out var invalid))
        {
            return invalid!;
        }

        interval ??= "month";
        var validation = Period(new Validation(), periodDays)
            .When(interval is not ("month" or "week"), "interval", "must be month or week.");
        var start = end.AddMonths(-11);
        if (from is not null && !DateOnly.TryParseExact(from, "yyyy-MM-dd", out start))
        {
            validation.Add("from", "must be a date in the form YYYY-MM-DD.");
        }

        validation.When(validation.IsValid && start > end, "from", "must not be after to.");
        var points = validation.IsValid ? KpiTrend.Dates(start, end, interval) : [];
        validation.When(points.Count > KpiTrend.MaxPoints, "from", $"at most {KpiTrend.MaxPoints} points per request: narrow from–to or use interval=month.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var days = periodDays ?? 90;
        var trend = new List<KpiTrendPoint>(points.Count);
        foreach (var date in points)
        {
            trend.Add(new KpiTrendPoint(date, (await reports.LoadAsync(date, days, KpiGroupings.Tenant, cancellationToken)).Groups[0]));
        }

        return TypedResults.Ok(new KpiTrend(start, end, interval, days, KpiConventions.Platform, trend));
    }

    private static Validation Period(Validation validation, int? periodDays) =>
        validation.When(periodDays is < 1 or > MaxPeriodDays, "periodDays", $"must be between 1 and {MaxPeriodDays}.");
}
