using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.Reporting.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Aging;

/// <summary>
/// A tenant's aging as of a date, optionally for one customer or one dealer: today's for the whole tenant from its
/// snapshot, any other from the event tables.
/// </summary>
public static class AgingReportQuery
{
    public static async Task<AgingReport> LoadAsync(ReportingDbContext db, DateOnly date, Guid? customerId, string? dealerCode, int? top, TimeProvider clock)
    {
        // One connection for the request's few queries (each open would otherwise reset the session and set the tenant again).
        await db.Database.OpenConnectionAsync();
        if (date == BusinessDate.Today(clock) && customerId is null && dealerCode is null)
        {
            var (bounds, totals, customers, customerCount) = await AgingSnapshotQuery.LoadAsync(db, date, top, clock);
            var todays = AgingBuckets.FromUpperBounds(bounds);
            return AgingCalculator.FromBuckets(date, "INR", todays, customers) with
            {
                Total = totals.Sum(),
                Buckets = [.. todays.Select((b, i) => new BucketAmount(b.Label, totals[i]))],
                CustomerCount = customerCount,
            };
        }

        var upperBounds = await AgingBoundsQuery.LoadAsync(db);

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
        return AgingCalculator.Compute(date, "INR", open, upperBounds);
    }
}
