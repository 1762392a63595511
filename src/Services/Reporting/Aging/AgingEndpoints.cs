using System.ComponentModel.DataAnnotations;
using ArPlatform.Reporting.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

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
                         "optionally for one customer or one dealer; top=N lists only the N customers owing most (customerCount still counts all).")
            .Produces<AgingReport>().ProducesValidationProblem();
        app.MapGet("/api/v1/reports/aging/buckets", GetBucketsAsync).WithTags("Reports").RequireTenantScope(Scopes.ReportsRead)
            .WithName("GetAgingBuckets");
        app.MapPut("/api/v1/reports/aging/buckets", PutBucketsAsync).WithTags("Reports").RequireTenantScope(Scopes.ReportsWrite)
            .WithName("SetAgingBuckets")
            .WithSummary("Sets the tenant's aging buckets, e.g. {\"upperBounds\": [30, 60, 90, 180]} for Not due, 1-30, 31-60, 61-90, 91-180, 180+.")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> GetAsync(string? asOf, Guid? customerId, string? dealerCode, int? top, ReportingDbContext db, TimeProvider clock)
    {
        if (!BusinessDate.TryParseAsOf(asOf, clock, out var date, out var invalid))
        {
            return invalid!;
        }

        if (top is < 0 or > 100_000)
        {
            return new Validation().Add("top", "must be between 0 and 100000: how many customers (largest balances first) to list.").Problem();
        }

        var report = await ReportAsync(date, customerId, dealerCode, top, db, clock);
        return TypedResults.Ok(top is { } n && n < report.Customers.Count ? report with { Customers = [.. report.Customers.Take(n)] } : report);
    }

    private static async Task<AgingReport> ReportAsync(DateOnly date, Guid? customerId, string? dealerCode, int? top, ReportingDbContext db, TimeProvider clock)
    {
        // One connection for the request's few queries (each open would otherwise reset the session and set the tenant again).
        await db.Database.OpenConnectionAsync();
        if (date == BusinessDate.Today(clock) && customerId is null && dealerCode is null)
        {
            var (bounds, totals, customers, customerCount) = await AgingSnapshot.ReadAsync(db, date, top, clock);
            var todays = AgingBuckets.FromUpperBounds(bounds);
            return AgingCalculator.FromBuckets(date, "INR", todays, customers) with
            {
                Total = totals.Sum(),
                Buckets = [.. todays.Select((b, i) => new BucketAmount(b.Label, totals[i]))],
                CustomerCount = customerCount,
            };
        }

        var buckets = AgingBuckets.FromUpperBounds(await UpperBoundsAsync(db));

        // Open as of the date = invoiced by then − settled by then, by effective dates (not when it was recorded).
        var receivables = db.Receivables.AsNoTracking();
        var settlements = db.Settlements.AsNoTracking();
        if (customerId is { } customer)
        {
            receivables = receivables.Where(r => r.CustomerId == customer);
            settlements = settlements.Where(s => s.CustomerId == customer);
        }

        if (!string.IsNullOrWhiteSpace(dealerCode))
        {
            receivables = receivables.Where(r => r.DealerCode == dealerCode);
            settlements = settlements.Where(s => receivables.Any(r => r.InvoiceId == s.InvoiceId));
        }

        var invoiced = await receivables
            .Where(r => r.InvoiceDate <= date)
            .GroupBy(r => new { r.CustomerId, r.DueDate })
            .Select(g => new OpenAmountByDueDate(g.Key.CustomerId, g.Key.DueDate, g.Sum(r => r.Amount)))
            .ToListAsync();
        var settled = await settlements
            .Where(s => s.EffectiveDate <= date)
            .GroupBy(s => new { s.CustomerId, s.DueDate })
            .Select(g => new OpenAmountByDueDate(g.Key.CustomerId, g.Key.DueDate, -g.Sum(s => s.Amount)))
            .ToListAsync();
        var open = invoiced.Concat(settled)
            .GroupBy(a => (a.CustomerId, a.DueDate))
            .Select(g => new OpenAmountByDueDate(g.Key.CustomerId, g.Key.DueDate, g.Sum(a => a.Amount)))
            .Where(a => a.Amount != 0);
        return AgingCalculator.Compute(date, "INR", open, buckets);
    }

    private static async Task<int[]> UpperBoundsAsync(ReportingDbContext db) =>
        await db.AgingSettings.AsNoTracking().Select(s => s.UpperBounds).SingleOrDefaultAsync() ?? AgingBuckets.DefaultUpperBounds;

    private static async Task<AgingBucketsResponse> GetBucketsAsync(ReportingDbContext db)
    {
        var bounds = await UpperBoundsAsync(db);
        return new AgingBucketsResponse(bounds[1..], AgingBuckets.FromUpperBounds(bounds));
    }

    private static async Task<IResult> PutBucketsAsync(AgingBucketsRequest request, ReportingDbContext db, TimeProvider clock)
    {
        if (AgingBuckets.Validate(request.UpperBounds) is { } rule)
        {
            return new Validation().Add("upperBounds", rule).Problem();
        }

        int[] bounds = [0, .. request.UpperBounds!];
        var settings = await db.AgingSettings.SingleOrDefaultAsync();
        if (settings is null)
        {
            db.AgingSettings.Add(settings = new AgingSettings { TenantId = db.Tenant.RequiredTenantId });
        }

        settings.UpperBounds = bounds;
        settings.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        return TypedResults.Ok(new AgingBucketsResponse(request.UpperBounds!, AgingBuckets.FromUpperBounds(bounds)));
    }
}
