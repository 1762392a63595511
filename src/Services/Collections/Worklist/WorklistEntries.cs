using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Collections.Dunning;
using ArPlatform.Collections.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Worklist;

/// <summary>An account's worklist row as of a date, kept so that a page is read, not computed (ADR 0020).</summary>
public sealed class WorklistEntry : ITenantOwned
{
    public Guid CustomerId { get; set; }

    public Guid TenantId { get; set; }

    public string? Collector { get; set; }

    public DateOnly AsOf { get; set; }

    public int Score { get; set; }

    public decimal Overdue { get; set; }

    public required string Code { get; set; }

    /// <summary>When the row changes with no write to the account: the next dispute SLA to run out.</summary>
    public DateTimeOffset? RefreshAt { get; set; }

    public required WorklistRow Row { get; set; }
}

/// <summary>
/// An account whose worklist row must be made again: marked by database triggers on every write to its account, items,
/// promises, disputes and tasks (and to a tenant's strategies, for all its accounts), whoever writes. Every tenant's in
/// one table without row security (ids only, like the outbox), so that one refresher serves them all.
/// </summary>
public sealed class StaleWorklistEntry
{
    public Guid CustomerId { get; set; }

    public Guid TenantId { get; set; }

    public DateTimeOffset MarkedAt { get; set; }
}

/// <summary>Makes worklist rows again and stores them: for the marked accounts, and for rows of a past date or past their refresh time.</summary>
public sealed class WorklistEntries(CollectionsDbContext db, WorklistRanking ranking)
{
    /// <summary>
    /// Makes again, in one transaction, the collector's rows (every collector's without one) that are marked, of a
    /// date before <paramref name="today"/> or past their refresh time. The marks are locked first, so a write landing
    /// meanwhile marks the account again, for the next refresh.
    /// </summary>
    public async Task RefreshAsync(string? collector, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var marked = await db.Set<StaleWorklistEntry>().FromSql($"""
            SELECT s.* FROM worklist_stale s
            WHERE s.tenant_id = {db.Tenant.RequiredTenantId}
              AND ({collector is null}
                   OR EXISTS (SELECT 1 FROM accounts a WHERE a.customer_id = s.customer_id AND a.collector = {collector ?? ""})
                   OR EXISTS (SELECT 1 FROM worklist_entries e WHERE e.customer_id = s.customer_id AND e.collector = {collector ?? ""}))
            ORDER BY s.customer_id FOR UPDATE OF s
            """).AsNoTracking().Select(s => s.CustomerId).ToListAsync(cancellationToken);
        var outdated = await db.Set<WorklistEntry>()
            .Where(e => (collector == null || e.Collector == collector) && (e.AsOf < today || e.RefreshAt <= now))
            .Select(e => e.CustomerId).ToListAsync(cancellationToken);
        Guid[] ids = [.. marked.Union(outdated)];
        if (ids.Length > 0)
        {
            await StoreAsync(ids, today, now, cancellationToken);
            await db.Set<StaleWorklistEntry>().Where(s => marked.Contains(s.CustomerId)).ExecuteDeleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Makes the rows of up to <paramref name="limit"/> marked accounts of the tenant not being refreshed elsewhere; returns how many.</summary>
    public async Task<int> RefreshMarkedAsync(int limit, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var marked = await db.Set<StaleWorklistEntry>().FromSql($"""
            SELECT * FROM worklist_stale WHERE tenant_id = {db.Tenant.RequiredTenantId}
            ORDER BY customer_id LIMIT {limit} FOR UPDATE SKIP LOCKED
            """).AsNoTracking().Select(s => s.CustomerId).ToListAsync(cancellationToken);
        if (marked.Count > 0)
        {
            await StoreAsync([.. marked], today, now, cancellationToken);
            await db.Set<StaleWorklistEntry>().Where(s => marked.Contains(s.CustomerId)).ExecuteDeleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return marked.Count;
    }

    /// <summary>Marks every row of a date before <paramref name="today"/>: the daily job's, so that the refresher makes them before anyone asks.</summary>
    public Task<int> MarkOutdatedAsync(DateOnly today, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO worklist_stale (customer_id, tenant_id, marked_at)
            SELECT customer_id, tenant_id, now() FROM worklist_entries WHERE as_of < {today}
            ON CONFLICT (customer_id) DO NOTHING
            """, cancellationToken);

    private async Task StoreAsync(Guid[] ids, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await ranking.ComputeAsync(db.Accounts.Where(a => ids.Contains(a.CustomerId)), today, now, cancellationToken);
        await db.Set<WorklistEntry>().Where(e => ids.Contains(e.CustomerId)).ExecuteDeleteAsync(cancellationToken);
        await db.InsertEntitiesAsync([.. rows.Select(r => new WorklistEntry
        {
            CustomerId = r.Row.CustomerId,
            TenantId = db.Tenant.RequiredTenantId,
            Collector = r.Row.Collector,
            AsOf = today,
            Score = r.Row.Score,
            Overdue = r.Row.Overdue,
            Code = r.Row.Code,
            RefreshAt = r.RefreshAt,
            Row = r.Row,
        })], cancellationToken);
    }
}

/// <summary>Makes the marked worklist rows again in the background, a batch at a time, for every tenant.</summary>
public sealed class WorklistRefresher(IServiceScopeFactory scopes, DunningRunner runner, TimeProvider clock, ILogger<WorklistRefresher> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A run marks every account it acts on: they are made after it, not competing with it (a page asked
                // for meanwhile makes its own).
                if (!runner.Running && await RefreshAsync(stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Refreshing worklist rows failed; trying again shortly");
            }

            try
            {
                await Task.Delay(Poll, stoppingToken); // real time: a test clock that stands still must not stop it
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One batch for each tenant with marked accounts; returns how many rows were made.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        List<Guid> tenants;
        using (var scope = scopes.CreateScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<CollectionsDbContext>().Set<StaleWorklistEntry>()
                .Select(s => s.TenantId).Distinct().Take(100).ToListAsync(cancellationToken);
        }

        var made = 0;
        foreach (var tenant in tenants)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
            made += await scope.ServiceProvider.GetRequiredService<WorklistEntries>()
                .RefreshMarkedAsync(BatchSize, ServiceDefaults.Http.BusinessDate.Today(clock), clock.GetUtcNow(), cancellationToken);
        }

        return made;
    }
}
