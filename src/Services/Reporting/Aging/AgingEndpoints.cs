using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.Reporting.Exports;
using ArPlatform.Reporting.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Reporting.Aging;

/// <summary>The tenant's buckets: upper bounds in days past due after "Not due", e.g. [30, 60, 90, 180].</summary>
public sealed record AgingBucketsRequest([property: MaxLength(20)] List<int>? UpperBounds);

public sealed record AgingBucketsResponse(IReadOnlyList<int> UpperBounds, IReadOnlyList<AgingBucket> Buckets);

public static class AgingEndpoints
{
    public static void MapAgingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reports/aging", GetAsync).WithTags("Reports").RequireTenantScope(Scopes.ReportsRead)
            .WithName("GetAging")
            .WithSummary("Open receivables of the caller's tenant by days past due, as of a date (default: today in India); " +
                         "optionally for one customer or one dealer; top=N lists only the N customers owing most (customerCount still counts all); " +
                         "format=csv|xlsx exports one row per customer.")
            .Produces<AgingReport>().Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: ReportFile.XlsxContentType).ProducesValidationProblem();
        app.MapGet("/api/v1/reports/aging/buckets", GetBucketsAsync).WithTags("Reports").RequireTenantScope(Scopes.ReportsRead)
            .WithName("GetAgingBuckets");
        app.MapPut("/api/v1/reports/aging/buckets", PutBucketsAsync).WithTags("Reports").RequireTenantScope(Scopes.CollectionsAdmin)
            .WithName("SetAgingBuckets")
            .WithSummary("Sets the tenant's aging buckets (a configuration change: collections.admin; kept in the collections audit), e.g. {\"upperBounds\": [30, 60, 90, 180]} for Not due, 1-30, 31-60, 61-90, 91-180, 180+.")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> GetAsync(string? asOf, Guid? customerId, string? dealerCode, int? top, string? format, ReportingDbContext db,
        TimeProvider clock)
    {
        if (!BusinessDate.TryParseAsOf(asOf, clock, out var date, out var invalid))
        {
            return invalid!;
        }

        var validation = new Validation()
            .When(top is < 0 or > 100_000, "top", "must be between 0 and 100000: how many customers (largest balances first) to list.")
            .When(ExportFormats.Rule(format) is not null, "format", ExportFormats.Rule(format)!);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var report = await AgingReportQuery.LoadAsync(db, date, customerId, dealerCode, top, clock);
        report = top is { } n && n < report.Customers.Count ? report with { Customers = [.. report.Customers.Take(n)] } : report;
        return format is null or ExportFormats.Json ? TypedResults.Ok(report) : new ReportFile(AgingTable.Of(report), format);
    }

    private static async Task<AgingBucketsResponse> GetBucketsAsync(ReportingDbContext db)
    {
        var bounds = await AgingBoundsQuery.LoadAsync(db);
        return new AgingBucketsResponse(bounds[1..], AgingBuckets.FromUpperBounds(bounds));
    }

    private static async Task<IResult> PutBucketsAsync(AgingBucketsRequest request, ReportingDbContext db, ClaimsPrincipal user, TimeProvider clock)
    {
        if (AgingBuckets.Validate(request.UpperBounds) is { } rule)
        {
            return new Validation().Add("upperBounds", rule).Problem();
        }

        var bounds = await SetAgingBoundsCommand.RunAsync(db, request.UpperBounds!, user.Actor(), clock);
        return TypedResults.Ok(new AgingBucketsResponse(request.UpperBounds!, AgingBuckets.FromUpperBounds(bounds)));
    }
}
