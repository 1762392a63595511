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
/// A mark that an account's worklist row must be made again, added by database triggers on every write to its
/// account, items, promises, disputes and tasks (and to a tenant's strategies, for all its accounts), whoever writes.
/// Marks are only added and deleted, never updated, so writers never wait on one another for them. Every tenant's
/// are in one table without row security (ids only, like the outbox), so that one refresher serves them all.
/// </summary>
public sealed class StaleWorklistEntry
{
    public long Id { get; set; }

    public Guid CustomerId { get; set; }

    public Guid TenantId { get; set; }

    public DateTimeOffset MarkedAt { get; set; }
}

/// <summary>
/// Makes worklist rows again and stores them: for the marked accounts, and for rows of a past date or past their
/// refresh time. The marks are read before the account is, and only those read are deleted, so a write committed
/// after the read leaves its mark for the next refresh. Two makers of one account's row take turns on an advisory
/// lock, so the later always reads the later state and an older row never replaces a newer one.
/// </summary>
public sealed class WorklistEntries(CollectionsDbContext db, WorklistRanking ranking)
{
    private sealed record Mark(long Id, Guid CustomerId);

    /// <summary>Makes again the collector's rows (every collector's without one) that are marked, of a date before <paramref name="today"/> or past their refresh time.</summary>
    public async Task RefreshAsync(string? collector, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = collector is null;
        var marks = await db.Database.SqlQuery<Mark>($"""
            SELECT s.id AS "Id", s.customer_id AS "CustomerId" FROM worklist_stale s
            WHERE s.tenant_id = {db.Tenant.RequiredTenantId}
              AND ({all}
                   OR EXISTS (SELECT 1 FROM accounts a WHERE a.customer_id = s.customer_id AND a.collector = {collector ?? ""})
                   OR EXISTS (SELECT 1 FROM worklist_entries e WHERE e.customer_id = s.customer_id AND e.collector = {collector ?? ""}))
            """).ToListAsync(cancellationToken);
        var outdated = await db.Set<WorklistEntry>()
            .Where(e => (collector == null || e.Collector == collector) && (e.AsOf < today || e.RefreshAt <= now))
            .Select(e => e.CustomerId).ToListAsync(cancellationToken);
        Guid[] ids = [.. marks.Select(m => m.CustomerId).Union(outdated).Order()];
        if (ids.Length == 0)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // In id order, as every maker takes them: two pages of overlapping collectors wait, never deadlock.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockClass}, hashtext(id::text)) FROM unnest({ids}) AS id ORDER BY id", cancellationToken);
        await StoreAsync(ids, today, now, cancellationToken);
        long[] read = [.. marks.Select(m => m.Id)];
        await db.Set<StaleWorklistEntry>().Where(s => read.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Makes the rows of up to <paramref name="limit"/> marked accounts of the tenant that no one else is making; returns how many.</summary>
    public async Task<int> RefreshMarkedAsync(int limit, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var marks = await db.Database.SqlQuery<Mark>($"""
            SELECT id AS "Id", customer_id AS "CustomerId" FROM worklist_stale WHERE tenant_id = {db.Tenant.RequiredTenantId} ORDER BY id LIMIT {limit * 4}
            """).ToListAsync(cancellationToken);
        Guid[] candidates = [.. marks.Select(m => m.CustomerId).Distinct().Take(limit).Order()];
        if (candidates.Length == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await db.Database.SqlQuery<Guid>(
            $"SELECT id AS \"Value\" FROM unnest({candidates}) AS id WHERE pg_try_advisory_xact_lock({LockClass}, hashtext(id::text)) ORDER BY id").ToListAsync(cancellationToken);
        if (ids.Count > 0)
        {
            await StoreAsync([.. ids], today, now, cancellationToken);
            long[] read = [.. marks.Where(m => ids.Contains(m.CustomerId)).Select(m => m.Id)];
            await db.Set<StaleWorklistEntry>().Where(s => read.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }

    /// <summary>Marks every row of a date before <paramref name="today"/>: the daily job's, so that the refresher makes them before anyone asks.</summary>
    public Task<int> MarkOutdatedAsync(DateOnly today, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO worklist_stale (customer_id, tenant_id, marked_at)
            SELECT customer_id, tenant_id, now() FROM worklist_entries WHERE as_of < {today}
            """, cancellationToken);

    /// <summary>The advisory lock class of worklist rows (the second key is the account's).</summary>
    private const int LockClass = 20;

    private async Task StoreAsync(Guid[] ids, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await ranking.ComputeAsync(db.Accounts.Where(a => ids.Contains(a.CustomerId)), today, now, cancellationToken);
        Guid[] kept = [.. rows.Select(r => r.Row.CustomerId)];
        await db.Set<WorklistEntry>().Where(e => ids.Contains(e.CustomerId) && !kept.Contains(e.CustomerId)).ExecuteDeleteAsync(cancellationToken);
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
        })], """
            ON CONFLICT (customer_id) DO UPDATE SET collector = EXCLUDED.collector, as_of = EXCLUDED.as_of, score = EXCLUDED.score,
                overdue = EXCLUDED.overdue, code = EXCLUDED.code, refresh_at = EXCLUDED.refresh_at, row = EXCLUDED.row
            """, cancellationToken);
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
            // Oldest marks first, so that no tenant waits behind the others.
            tenants = await scope.ServiceProvider.GetRequiredService<CollectionsDbContext>().Set<StaleWorklistEntry>()
                .GroupBy(s => s.TenantId).OrderBy(g => g.Min(s => s.Id)).Select(g => g.Key).Take(100).ToListAsync(cancellationToken);
        }

        var made = 0;
        foreach (var tenant in tenants)
        {
            try
            {
                using var scope = scopes.CreateScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
                made += await scope.ServiceProvider.GetRequiredService<WorklistEntries>()
                    .RefreshMarkedAsync(BatchSize, ServiceDefaults.Http.BusinessDate.Today(clock), clock.GetUtcNow(), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Refreshing the worklist rows of tenant {Tenant} failed; the others go on", tenant);
            }
        }

        return made;
    }
}
