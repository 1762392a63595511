using ArPlatform.Collections.Disputes;
using ArPlatform.Collections.Persistence;
using ArPlatform.Collections.Promises;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Accounts;

public sealed record PromiseFigures(int Open, decimal OpenAmount, int DueToday, int BrokenThisMonth, int KeptThisMonth);

public sealed record DisputeFigures(int Open, decimal OpenAmount, int PastSla);

public sealed record TenantSummaryResponse(DateOnly AsOf, decimal CollectedThisMonth, PromiseFigures Promises, DisputeFigures Disputes);

/// <summary>A client's collections at a glance, as of today: cash collected this month, promises and disputes.</summary>
public static class TenantSummary
{
    public static void MapTenantSummary(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/collections/summary", GetAsync).WithTags("Accounts").RequireTenantScope(Scopes.CollectionsRead).WithName("GetCollectionsSummary")
            .WithSummary("Cash collected this month (by payment date), open promises (due today, broken and kept this month) and open disputes (past their SLA).");

    private static async Task<IResult> GetAsync(CollectionsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = BusinessDate.Today(clock);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var now = clock.GetUtcNow();
        var collected = await db.Receipts.Where(r => r.EffectiveDate >= monthStart && r.EffectiveDate <= today).SumAsync(r => r.Amount, ct);
        var open = db.Promises.Where(p => p.Status == PromiseStatuses.Open);
        var promises = new PromiseFigures(
            await open.CountAsync(ct), await open.SumAsync(p => p.Amount, ct), await open.CountAsync(p => p.PromisedDate == today, ct),
            await db.Promises.CountAsync(p => p.Status == PromiseStatuses.Broken && p.ResolvedOn >= monthStart, ct),
            await db.Promises.CountAsync(p => (p.Status == PromiseStatuses.Kept || p.Status == PromiseStatuses.PartiallyKept) && p.ResolvedOn >= monthStart, ct));
        var openDisputes = db.Disputes.Where(d => d.Status == DisputeStatuses.Open);
        var disputes = new DisputeFigures(await openDisputes.CountAsync(ct), await openDisputes.SumAsync(d => d.Amount, ct), await db.Disputes.CountAsync(DisputeSla.Past(now), ct));
        return TypedResults.Ok(new TenantSummaryResponse(today, collected, promises, disputes));
    }
}
