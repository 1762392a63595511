using ArPlatform.Reporting.Exports;
using ArPlatform.Reporting.Kpis;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Reporting.Expected;

public sealed record ExpectedItemsPage(DateOnly AsOf, string Line, int? Week, int Page, int PageSize, IReadOnlyList<ExpectedItem> Items);

public static class ExpectedCollectionsEndpoints
{
    public const int MaxWeeks = 52;
    private static readonly string[] Lines = ["week", "later", "overdue", "disputed"];

    public static void MapExpectedCollectionsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reports/expected-collections", GetAsync).WithTags("Reports").RequireTenantScope(Scopes.ReportsRead)
            .WithName("GetExpectedCollections")
            .WithSummary("What is expected week by week (weeks, default 13) from today's open items, each moved from its due date by its customer's " +
                         "amount-weighted lateness, and from open promises (which replace the items they cover); disputed amounts and overdue items no " +
                         "promise covers in lines of their own; groupBy as for the KPIs; format=csv|xlsx exports it. For a past asOf: the tenant's " +
                         "forecast as the daily job kept it that day (up to 13 weeks).")
            .Produces<ExpectedCollectionsReport>().ProducesValidationProblem();
        app.MapGet("/api/v1/reports/expected-collections/items", GetItemsAsync).WithTags("Reports").RequireTenantScope(Scopes.ReportsRead)
            .WithName("GetExpectedCollectionItems")
            .WithSummary("The open items behind a figure of expected collections: line=week with week=N, or line=later, overdue or disputed; " +
                         "optionally one customer's; largest first, a page at a time.")
            .Produces<ExpectedItemsPage>().ProducesValidationProblem();
        app.MapGet("/api/v1/reports/forecast-accuracy", GetAccuracyAsync).WithTags("Reports").RequireTenantScope(Scopes.ReportsRead)
            .WithName("GetForecastAccuracy")
            .WithSummary("The last whole weeks (weeks, default 8) each beside what the forecast kept horizon weeks before (default 1: the forecast made " +
                         "the day the week began) expected of it and what was collected: error, absolute % error, and over all of them bias and " +
                         "weighted absolute % error; format=csv|xlsx exports it.")
            .Produces<ForecastAccuracyReport>().ProducesValidationProblem();
    }

    private static async Task<IResult> GetAccuracyAsync(int? weeks, int? horizon, string? format, ForecastAccuracy accuracy, CancellationToken cancellationToken)
    {
        var validation = new Validation().When(weeks is < 1 or > MaxWeeks, "weeks", $"must be between 1 and {MaxWeeks}.")
            .When(horizon is < 1 or > ForecastSnapshotJob.Weeks, "horizon", $"must be between 1 and {ForecastSnapshotJob.Weeks} (the weeks a kept forecast holds).")
            .When(ExportFormats.Rule(format) is not null, "format", ExportFormats.Rule(format)!);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var report = await accuracy.LoadAsync(weeks ?? 8, horizon ?? 1, cancellationToken);
        return format is null or ExportFormats.Json ? TypedResults.Ok(report) : new ReportFile(new ReportTable($"forecast-accuracy-h{report.Horizon}",
            [new("from"), new("to"), new("forecastMadeOn"), new("expected", true), new("collected", true), new("error", true), new("absolutePercentError", true)],
            report.Rows.Select(r => new object?[] { r.From.ToString("yyyy-MM-dd"), r.To.ToString("yyyy-MM-dd"), r.ForecastMadeOn.ToString("yyyy-MM-dd"), r.Expected,
                r.Collected, r.Error, r.AbsolutePercentError })), format);
    }

    private static Validation Check(string? asOf, int? weeks, TimeProvider clock, out DateOnly date)
    {
        var validation = new Validation();
        if (!BusinessDate.TryParseAsOf(asOf, clock, out date, out _))
        {
            validation.Add("asOf", "must be a date in the form YYYY-MM-DD.");
        }
        else if (date > BusinessDate.Today(clock))
        {
            validation.Add("asOf", $"must not be after today ({BusinessDate.Today(clock):yyyy-MM-dd}).");
        }

        return validation.When(weeks is < 1 or > MaxWeeks, "weeks", $"must be between 1 and {MaxWeeks}.");
    }

    private static async Task<IResult> GetAsync(string? asOf, int? weeks, string? groupBy, string? format, ExpectedCollections expected, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var validation = Check(asOf, weeks, clock, out var date)
            .When(groupBy is not null && !KpiGroupings.All.Contains(groupBy), "groupBy", $"must be one of {string.Join(", ", KpiGroupings.All)}.")
            .When(ExportFormats.Rule(format) is not null, "format", ExportFormats.Rule(format)!);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        ExpectedCollectionsReport? report;
        if (date == BusinessDate.Today(clock))
        {
            report = await expected.LoadAsync(date, weeks ?? 13, groupBy ?? KpiGroupings.Tenant, cancellationToken);
        }
        else
        {
            // A past date's forecast is the one the daily job kept that day, for the tenant as a whole.
            validation.When(groupBy is not (null or KpiGroupings.Tenant), "groupBy", "a past date's forecast is kept for the tenant as a whole: leave groupBy out.")
                .When(weeks > ForecastSnapshotJob.Weeks, "weeks", $"a kept forecast holds {ForecastSnapshotJob.Weeks} weeks.");
            report = validation.IsValid ? await expected.KeptAsync(date, weeks ?? ForecastSnapshotJob.Weeks, cancellationToken) : null;
            validation.When(validation.IsValid && report is null, "asOf",
                "no forecast was kept on that day (the daily job keeps one each day from the first on which the tenant was known); today's is made from the open items.");
            if (!validation.IsValid)
            {
                return validation.Problem();
            }
        }

        return format is null or ExportFormats.Json ? TypedResults.Ok(report) : new ReportFile(Table(report!), format);
    }

    private static async Task<IResult> GetItemsAsync(string? asOf, int? weeks, string? line, int? week, Guid? customerId, int? page, int? pageSize,
        ExpectedCollections expected, TimeProvider clock, CancellationToken cancellationToken)
    {
        var horizon = weeks ?? 13;
        line ??= "week";
        var validation = Check(asOf, weeks, clock, out var date)
            .When(asOf is not null && date != BusinessDate.Today(clock) && date <= BusinessDate.Today(clock), "asOf",
                "the items are listed for today's forecast only (a kept forecast holds its sums): leave asOf out.")
            .When(!Lines.Contains(line), "line", $"must be one of {string.Join(", ", Lines)}.")
            .When(line == "week" && (week is null || week < 1 || week > horizon), "week", $"must be between 1 and {horizon} for line=week.")
            .When(page is < 1, "page", "must be at least 1.")
            .When(pageSize is < 1 or > 1000, "pageSize", "must be between 1 and 1000.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var bucket = line switch { "disputed" => -2, "overdue" => -1, "later" => horizon, _ => week!.Value - 1 };
        var (number, size) = (page ?? 1, pageSize ?? 100);
        var items = await expected.ItemsAsync(date, horizon, bucket, customerId, (number - 1) * size, size, cancellationToken);
        return TypedResults.Ok(new ExpectedItemsPage(date, line, line == "week" ? week : null, number, size, items));
    }

    private static ReportTable Table(ExpectedCollectionsReport report) => new(
        $"expected-collections-{report.GroupBy}-{report.AsOf:yyyy-MM-dd}",
        [
            new("group"), new("code"), new("name"), .. report.Groups.FirstOrDefault()?.Weeks.Select(w => new ReportColumn($"week {w.Week} ({w.From:dd-MMM})", true)) ?? [],
            new("later", true), new("overdueWithoutPromise", true), new("disputed", true), new("total", true),
        ],
        report.Groups.Select(g => (object?[])[g.Key, g.Code, g.Name, .. g.Weeks.Select(w => (object?)w.Expected), g.Later.Amount, g.OverdueWithoutPromise.Amount,
            g.Disputed.Amount, g.Total]));
}
