using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Worklist;

/// <summary>A row of a person's worklist across tenants: the account's ranked row, its tenant, and its open promises and disputes.</summary>
public sealed record MyWorklistRow(Guid TenantId, string? TenantName, int OpenPromises, int OpenDisputes, WorklistRow Account);

/// <summary>The filters of a person's worklist (null: any).</summary>
public sealed record MyWorklistFilter(Guid? Tenant, string? Step, string? Promise, string? Dispute)
{
    public static readonly string[] PromiseValues = ["open", "due-today", "broken", "none"];
    public static readonly string[] DisputeValues = ["open", "past-sla", "none"];
}

/// <summary>
/// One collector's accounts of every tenant they hold, in one ranking. The kept rows of today are read across the
/// tenants with the read set (<see cref="TenantContext.ReadTenants"/>, ADR 0021): row-level security admits the
/// rows of those tenants and no others; the rows due again are made first, each in its own tenant's context.
/// </summary>
public sealed class MyWorklist(CollectionsDbContext db, IServiceScopeFactory scopes)
{
    public async Task<PagedList<MyWorklistRow>> RankAsync(
        string collector, IReadOnlyList<Guid> tenants, MyWorklistFilter filter, DateOnly today, int page, int pageSize, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Guid[] ids = [.. tenants];
        foreach (var tenant in await db.Database.SqlQuery<Guid>(MyWorklistQueries.TenantsToRefresh(ids, collector, today, now)).ToListAsync(cancellationToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
            await scope.ServiceProvider.GetRequiredService<WorklistEntries>().RefreshAsync(collector, today, now, cancellationToken);
        }

        var rows = await db.Database.SqlQuery<MyWorklistQueries.PageRow>(MyWorklistQueries.Page(ids, collector, filter, page, pageSize)).ToListAsync(cancellationToken);
        return new PagedList<MyWorklistRow>(
            [.. rows.Where(r => r.Row is not null).Select(r => new MyWorklistRow(r.TenantId!.Value, r.TenantName, r.OpenPromises ?? 0, r.OpenDisputes ?? 0, JsonColumns.FromJson<WorklistRow>(r.Row!)))],
            page, pageSize, (int)(rows.FirstOrDefault()?.Total ?? 0));
    }
}
