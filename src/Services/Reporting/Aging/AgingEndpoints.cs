using ArPlatform.Reporting.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Aging;

public static class AgingEndpoints
{
    public static void MapAgingEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/reports/aging", GetAsync).WithTags("Reports").RequireTenantScope(Scopes.ReportsRead)
            .WithName("GetAging")
            .WithSummary("Open receivables of the caller's tenant by days past due, as of a date (default: today in India).")
            .Produces<AgingReport>().ProducesValidationProblem();

    private static async Task<IResult> GetAsync(string? asOf, ReportingDbContext db, TimeProvider clock)
    {
        if (!BusinessDate.TryParseAsOf(asOf, clock, out var date, out var invalid))
        {
            return invalid!;
        }

        // Open as of the date = invoiced by then − settled by then, by effective dates (not when it was recorded).
        var invoiced = await db.Receivables.AsNoTracking()
            .Where(r => r.InvoiceDate <= date)
            .GroupBy(r => new { r.CustomerId, r.DueDate })
            .Select(g => new OpenAmountByDueDate(g.Key.CustomerId, g.Key.DueDate, g.Sum(r => r.Amount)))
            .ToListAsync();
        var settled = await db.Settlements.AsNoTracking()
            .Where(s => s.EffectiveDate <= date)
            .GroupBy(s => new { s.CustomerId, s.DueDate })
            .Select(g => new OpenAmountByDueDate(g.Key.CustomerId, g.Key.DueDate, -g.Sum(s => s.Amount)))
            .ToListAsync();
        var open = invoiced.Concat(settled)
            .GroupBy(a => (a.CustomerId, a.DueDate))
            .Select(g => new OpenAmountByDueDate(g.Key.CustomerId, g.Key.DueDate, g.Sum(a => a.Amount)))
            .Where(a => a.Amount != 0);
        return TypedResults.Ok(AgingCalculator.Compute(date, "INR", open));
    }
}
