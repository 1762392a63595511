using System.Globalization;
using ArPlatform.Reporting.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Aging;

public static class AgingEndpoints
{
    private static readonly TimeZoneInfo India = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    public static void MapAgingEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/reports/aging", GetAsync).WithTags("Reports").RequireTenantScope(Scopes.ReportsRead)
            .WithName("GetAging")
            .WithSummary("Open receivables of the caller's tenant by days past due, as of a date (default: today in India).")
            .Produces<AgingReport>().ProducesValidationProblem();

    private static async Task<IResult> GetAsync(string? asOf, ReportingDbContext db, TimeProvider clock)
    {
        DateOnly date;
        if (asOf is null)
        {
            date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), India).DateTime);
        }
        else if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return new Validation().Add("asOf", "must be a date in the form YYYY-MM-DD.").Problem();
        }

        var amounts = await db.Receivables.AsNoTracking()
            .Where(r => r.InvoiceDate <= date)
            .GroupBy(r => new { r.CustomerId, r.DueDate })
            .Select(g => new OpenAmountByDueDate(g.Key.CustomerId, g.Key.DueDate, g.Sum(r => r.Amount)))
            .ToListAsync();
        return TypedResults.Ok(AgingCalculator.Compute(date, "INR", amounts));
    }
}
