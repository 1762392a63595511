using System.Text.Json;
using ArPlatform.Reporting.Exports;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Reporting.Plans;

public static class PlanEndpoints
{
    private const long MaxBodyBytes = 20 * 1024 * 1024;

    public static void MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/v1/reports/plans/{month}", PutAsync).WithTags("Reports").RequireTenantScope(Scopes.ReportsWrite)
            .WithName("SetCollectionPlan")
            .WithSummary("Sets a month's collection plan (yyyy-mm), replacing any before: JSON {\"rows\": [{\"dealerCode\": \"D-1\", \"planned\": 500000}, " +
                         "{\"region\": \"North\", \"planned\": ...}, {\"collector\": \"c.ravi\", \"planned\": ...}]} or text/csv with the columns dealerCode, " +
                         "region, collector and planned. Every row names one of them; nothing is kept when a row is wrong.")
            .Accepts<PlanRequest>("application/json", "text/csv").Produces<PlanResponse>().ProducesValidationProblem();
        app.MapGet("/api/v1/reports/plans/{month}", GetAsync).WithTags("Reports").RequireTenantScope(Scopes.ReportsRead)
            .WithName("GetCollectionPlan").Produces<PlanResponse>().ProducesValidationProblem();
        app.MapGet("/api/v1/reports/plan-vs-actual", GetPlanVsActualAsync).WithTags("Reports").RequireTenantScope(Scopes.ReportsRead)
            .WithName("GetPlanVsActual")
            .WithSummary("A month's plan (month=yyyy-mm, default this month) against what was collected, per dealer (default; a distributor's plan " +
                         "and collections include its dealers'), region or collector: planned, collected, achievement % and shortfall; format=csv|xlsx exports it.")
            .Produces<PlanVsActual>().ProducesValidationProblem();
    }

    private static async Task<IResult> PutAsync(string month, HttpRequest request, CollectionPlans plans, CancellationToken cancellationToken)
    {
        if (CollectionPlans.ParseMonth(month) is not { } first)
        {
            return new Validation().Add("month", "must be a month in the form yyyy-mm.").Problem();
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return new Validation().Add("body", $"must be at most {MaxBodyBytes / 1024 / 1024} MB.").Problem();
        }

        IReadOnlyList<PlanRow?>? rows;
        var validation = new Validation();
        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(request.Body);
            (rows, validation) = CollectionPlans.ReadCsv(await reader.ReadToEndAsync(cancellationToken));
        }
        else
        {
            try
            {
                rows = (await request.ReadFromJsonAsync<PlanRequest>(cancellationToken))?.Rows;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return new Validation().Add("body", "must be JSON {\"rows\": [...]} (or text/csv): " + e.Message).Problem();
            }
        }

        if (rows is null)
        {
            return (validation.IsValid ? validation.Add("rows", "is required.") : validation).Problem();
        }

        var (plan, outcome) = await plans.SetAsync(first, rows, validation, cancellationToken);
        return plan is null ? outcome.Problem() : TypedResults.Ok(plan);
    }

    private static async Task<IResult> GetAsync(string month, CollectionPlans plans, CancellationToken cancellationToken) =>
        CollectionPlans.ParseMonth(month) is { } first
            ? TypedResults.Ok(await plans.GetAsync(first, cancellationToken))
            : new Validation().Add("month", "must be a month in the form yyyy-mm.").Problem();

    private static async Task<IResult> GetPlanVsActualAsync(string? month, string? groupBy, string? format, CollectionPlans plans, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var first = month is null ? CollectionPlans.ParseMonth($"{BusinessDate.Today(clock):yyyy-MM}") : CollectionPlans.ParseMonth(month);
        var validation = new Validation()
            .When(first is null, "month", "must be a month in the form yyyy-mm.")
            .When(groupBy is not null && !PlanDimensions.All.Contains(groupBy), "groupBy", $"must be one of {string.Join(", ", PlanDimensions.All)}.")
            .When(ExportFormats.Rule(format) is not null, "format", ExportFormats.Rule(format)!);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var report = await plans.PlanVsActualAsync(first!.Value, groupBy ?? PlanDimensions.Dealer, cancellationToken);
        return format is null or ExportFormats.Json ? TypedResults.Ok(report) : new ReportFile(Table(report), format);
    }

    private static ReportTable Table(PlanVsActual report) => new(
        $"plan-vs-actual-{report.GroupBy}-{report.Month}",
        [new("group"), new("code"), new("name"), new("planned", true), new("collected", true), new("achievementPercent", true), new("shortfall", true)],
        report.Rows.Select(r => new object?[] { r.Key, r.Code, r.Name, r.Planned, r.Collected, r.AchievementPercent, r.Shortfall }));
}
