using System.Diagnostics;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Collections.Accounts;
using ArPlatform.Collections.Messages;
using ArPlatform.Collections.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Dunning;

public static class RunTriggers
{
    public const string Daily = "daily run";
    public const string Manual = "manual run";
}

/// <summary>What one account would do (preview) or did (run).</summary>
public sealed record AccountDecision(Guid CustomerId, string Code, string Name, string StrategyCode, DunningDecision Decision);

/// <summary>
/// Runs the dunning rules (<see cref="DunningRules"/>) for every account of a tenant with something open, a batch of
/// accounts per transaction: the accounts and their open items are locked, the decisions made, and every action, its
/// items' new positions, its message, task and event written together. A second run for the date, a retry, or another
/// replica racing this one waits on the locks and then finds nothing left to do; the unique index on account, step
/// and date is the last guard.
/// </summary>
public sealed class DunningRunner(
    IServiceScopeFactory scopes, TimeProvider clock, DunningEffects effects, MessageSignal messages, OutboxSignal outbox, ILogger<DunningRunner> logger)
{
    public const int BatchSize = 500;

    /// <summary>Batches in flight at once.</summary>
    public const int Workers = 2;

    private int _running;

    /// <summary>Whether a run is going in this process (background work that can wait, waits).</summary>
    public bool Running => Volatile.Read(ref _running) > 0;

    /// <summary>Starts a run record; returns its id (the run itself is <see cref="RunAsync"/>).</summary>
    public async Task<DunningRun> StartAsync(Guid tenant, DateOnly asOf, string trigger, CancellationToken cancellationToken)
    {
        using var scope = Scope(tenant, out var db);
        var run = new DunningRun
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            AsOf = asOf,
            Trigger = trigger,
            Status = DunningRunStatuses.Running,
            StartedAt = clock.GetUtcNow(),
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>Runs a started run to its end and records what it did (or why it failed).</summary>
    public async Task<DunningRun> RunAsync(Guid tenant, Guid runId, CancellationToken cancellationToken)
    {
        DunningRun run;
        using (var scope = Scope(tenant, out var db))
        {
            run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
        }

        var watch = Stopwatch.StartNew();
        Interlocked.Increment(ref _running);
        var byKind = new Dictionary<string, int>(StringComparer.Ordinal);
        var (seen, skipped) = (0, 0);
        string? error = null;
        try
        {
            var context = await LoadContextAsync(tenant, run.AsOf, run.Trigger, run.Id, cancellationToken);
            using (var scope = Scope(tenant, out var db))
            {
                seen = await DunningQueries.AccountsWithOpenItemsAsync(db, cancellationToken);
            }

            // Batches run side by side (one on each core: while one decides, the database writes the other's), each
            // taking the next accounts from a shared cursor, so that no two take the same ones.
            var cursor = new BatchCursor();
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var batch = await RunBatchAsync(tenant, context, cursor, failed.Token);
                        if (batch.Accounts == 0)
                        {
                            return;
                        }

                        lock (byKind)
                        {
                            skipped += batch.Skipped;
                            foreach (var (kind, count) in batch.Actions)
                            {
                                byKind[kind] = byKind.GetValueOrDefault(kind) + count;
                            }
                        }

                        if (batch.Actions.Count > 0)
                        {
                            messages.Wake();
                            outbox.Notify();
                        }
                    }
                }
                catch
                {
                    await failed.CancelAsync();
                    throw;
                }
            }, CancellationToken.None)).ToList();
            try
            {
                await Task.WhenAll(workers);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A worker stopped because another failed: the failure is what the run reports.
                throw workers.Select(w => w.Exception?.InnerException).FirstOrDefault(e => e is not OperationCanceledException and not null) ?? new InvalidOperationException("A batch was cancelled.");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = e.Message;
            logger.LogError(e, "Dunning run {Run} of tenant {Tenant} for {Date} failed", runId, tenant, run.AsOf);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }

        using (var scope = Scope(tenant, out var db))
        {
            await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, error is null ? DunningRunStatuses.Completed : DunningRunStatuses.Failed)
                .SetProperty(r => r.AccountsSeen, seen)
                .SetProperty(r => r.Skipped, skipped)
                .SetProperty(r => r.Error, error)
                .SetProperty(r => r.FinishedAt, clock.GetUtcNow()), cancellationToken);
            // jsonb through the value converter: ExecuteUpdate cannot set a converted dictionary, so the entity is saved.
            var saved = await db.Runs.SingleAsync(r => r.Id == runId, cancellationToken);
            saved.ActionsByKind = byKind;
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Dunning run of tenant {Tenant} for {Date}: {Accounts} accounts, {Actions} actions, {Skipped} skipped steps in {Ms} ms",
                tenant, run.AsOf, seen, byKind.Values.Sum(), skipped, watch.ElapsedMilliseconds);
            return saved;
        }
    }

    /// <summary>What a run for <paramref name="asOf"/> would do, doing nothing: every account that would act, up to <paramref name="limit"/>, and how many in all.</summary>
    public async Task<(int Accounts, int Acting, List<AccountDecision> Decisions)> PreviewAsync(Guid tenant, DateOnly asOf, int limit, CancellationToken cancellationToken)
    {
        var context = await LoadContextAsync(tenant, asOf, RunTriggers.Manual, null, cancellationToken);
        var (acting, decisions, after) = (0, new List<AccountDecision>(), Guid.Empty);
        int accounts;
        using (var scope = Scope(tenant, out var db))
        {
            accounts = await DunningQueries.AccountsWithOpenItemsAsync(db, cancellationToken);
        }

        while (true)
        {
            using var scope = Scope(tenant, out var db);
            var batch = await DunningQueries.NextAccountsAsync(db, after, BatchSize, context.ReachedBy, lockRows: false, cancellationToken);
            if (batch.Count == 0)
            {
                return (accounts, acting, decisions);
            }

            foreach (var decision in await DecideAsync(db, context, batch, lockRows: false, cancellationToken))
            {
                acting++;
                if (decisions.Count < limit)
                {
                    decisions.Add(decision.Decision);
                }
            }

            after = batch[^1].CustomerId;
        }
    }

    private sealed record BatchResult(int Accounts, Dictionary<string, int> Actions, int Skipped);

    /// <summary>Where the next batch starts: taken and moved by one batch at a time, while it locks its accounts.</summary>
    private sealed class BatchCursor
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Guid After { get; set; } = Guid.Empty;
    }

    private async Task<BatchResult> RunBatchAsync(Guid tenant, RunContext context, BatchCursor cursor, CancellationToken cancellationToken)
    {
        using var scope = Scope(tenant, out var db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        List<CollectionAccount> accounts;
        await cursor.Gate.WaitAsync(cancellationToken);
        try
        {
            accounts = await DunningQueries.NextAccountsAsync(db, cursor.After, BatchSize, context.ReachedBy, lockRows: true, cancellationToken);
            cursor.After = accounts.Count > 0 ? accounts[^1].CustomerId : cursor.After;
        }
        finally
        {
            cursor.Gate.Release();
        }

        if (accounts.Count == 0)
        {
            return new BatchResult(0, [], 0);
        }

        var decided = await DecideAsync(db, context, accounts, lockRows: true, cancellationToken);
        var actions = new Dictionary<string, int>(StringComparer.Ordinal);
        var skipped = 0;
        if (decided.Count > 0)
        {
            var contacts = await DunningQueries.ContactsAsync(db, [.. decided.Select(d => d.Decision.CustomerId)], cancellationToken);
            var writes = new DunningWrites();
            foreach (var (decision, account, items) in decided)
            {
                effects.Apply(context, account, items, decision, [.. contacts[account.CustomerId]], writes, cancellationToken);
                actions[decision.Decision.Step.Action] = actions.GetValueOrDefault(decision.Decision.Step.Action) + 1;
                skipped += decision.Decision.Skipped.Count;
            }

            var moved = decided.SelectMany(d => d.Decision.Decision.Items.Select(i => (i.InvoiceId, d.Decision.Decision.Step))).ToList();
            await DunningQueries.MovePositionsAsync(db, [.. moved.Select(m => m.InvoiceId)], [.. moved.Select(m => m.Step.DayOffset)],
                [.. moved.Select(m => m.Step.Code)], context.AsOf, cancellationToken);
            // What the decisions wrote goes in one statement per table: row by row, and even through the change tracker,
            // it was most of a run's time (ADR 0019).
            await db.InsertEntitiesAsync(writes.Actions, cancellationToken);
            await db.InsertEntitiesAsync(writes.Messages, cancellationToken);
            await db.InsertEntitiesAsync(writes.Queue, cancellationToken);
            await db.InsertEntitiesAsync(writes.Tasks, cancellationToken);
            await db.InsertEntitiesAsync(writes.Outbox, cancellationToken);
            await db.SaveChangesAsync(cancellationToken); // the accounts marked for agency placement
        }

        await transaction.CommitAsync(cancellationToken);
        return new BatchResult(accounts.Count, actions, skipped);
    }

    private sealed record Decided(AccountDecision Decision, CollectionAccount Account, List<CollectionItem> Items);

    private static async Task<List<Decided>> DecideAsync(
        CollectionsDbContext db, RunContext context, List<CollectionAccount> accounts, bool lockRows, CancellationToken cancellationToken)
    {
        Guid[] ids = [.. accounts.Select(a => a.CustomerId)];
        var items = (await DunningQueries.OpenItemsAsync(db, ids, context.ReachedBy, lockRows, cancellationToken)).ToLookup(i => i.CustomerId);
        var promised = await DunningQueries.PromisedInvoicesAsync(db, ids, cancellationToken);
        var stepsOnDate = await DunningQueries.StepsOnDateAsync(db, ids, context.AsOf, cancellationToken);
        var decided = new List<Decided>();
        foreach (var account in accounts)
        {
            var strategy = context.Strategies.For(account);
            var accountItems = items[account.CustomerId].ToList();
            var states = accountItems.Select(i => new ItemState(
                i.InvoiceId, i.Number, i.DueDate, i.OpenAmount, i.DisputedAmount, i.PositionOffset, promised.Contains(i.InvoiceId), i.HeldFor, i.HeldFrom, i.HeldUntil, i.RecordedOn)).ToList();
            var decision = DunningRules.Decide(strategy, new AccountState(account.PausedFrom, account.PausedUntil), states, context.AsOf,
                stepsOnDate[account.CustomerId].ToHashSet(StringComparer.Ordinal));
            if (decision is not null)
            {
                decided.Add(new Decided(new AccountDecision(account.CustomerId, account.Code, account.Name, strategy.Code, decision), account, accountItems));
            }
        }

        return decided;
    }

    private async Task<RunContext> LoadContextAsync(Guid tenant, DateOnly asOf, string trigger, Guid? runId, CancellationToken cancellationToken)
    {
        using var scope = Scope(tenant, out var db);
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var tenantName = await db.Tenants.Where(t => t.Id == tenant).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken);
        var templates = await db.Templates.AsNoTracking().ToListAsync(cancellationToken);
        return new RunContext(
            asOf, trigger, runId, await StrategyCatalog.LoadAsync(db, cancellationToken), settings, settings?.ClientName ?? tenantName ?? "our client",
            templates.ToDictionary(t => t.Code, StringComparer.Ordinal));
    }

    private IServiceScope Scope(Guid tenant, out CollectionsDbContext db)
    {
        var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        db = scope.ServiceProvider.GetRequiredService<CollectionsDbContext>();
        return scope;
    }
}

/// <summary>What a run reads once: its date, trigger and id, the strategies, settings, the client's name and the tenant's own templates.</summary>
public sealed record RunContext(
    DateOnly AsOf, string Trigger, Guid? RunId, StrategyCatalog Strategies, Settings.CollectionSettings? Settings, string ClientName,
    IReadOnlyDictionary<string, TenantTemplate> Templates)
{
    /// <summary>
    /// Items due on or before this date have reached a step of some strategy (later ones cannot act), and every overdue
    /// item is among them, as the strategies' minimum overdue amount counts them all.
    /// </summary>
    public DateOnly ReachedBy => AsOf.AddDays(-Math.Min(Strategies.EarliestOffset, 1));
}
