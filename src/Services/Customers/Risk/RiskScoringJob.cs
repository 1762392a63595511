using System.Text.Json;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Customers.Credit;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Jobs;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Risk;

/// <summary>
/// Scores the customers in the risk queue (filled by the behaviour events) every <c>Jobs:Risk:Interval</c> (default
/// 5 s), and once per business day queues every customer of every tenant, so that time-based factors age and overdue
/// holds start on the day an invoice passes the tenant's limit. A new rating is stored with its factors and published
/// as <see cref="CustomerRiskChanged"/>; the automatic hold is re-assessed in the same transaction. Safe with several
/// replicas: queue rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> and the nightly queuing is claimed per tenant and date.
/// </summary>
public sealed class RiskScoringJob(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<RiskScoringJob> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    private const string Job = "risk scoring";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicJob.RunEveryAsync(configuration.GetValue("Jobs:Risk:Interval", TimeSpan.FromSeconds(5)), clock, logger, Job,
            (today, cancellationToken) => RunAsync(today, cancellationToken), stoppingToken);

    /// <summary>
    /// One run: each tenant due for its nightly re-score is queued, and each tenant with customers in the queue is
    /// scored, one tenant after the other; a tenant that fails does not stop the others (<see cref="TenantLoop"/>).
    /// </summary>
    public async Task<(int Queued, int Moved)> RunAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var (queued, moved) = (0, 0);
        var tenants = await TenantsAsync(db => RiskQueue.TenantsDueAsync(db, today, cancellationToken));
        await TenantLoop.ForEachAsync(tenants, Job, logger, async (tenant, ct) =>
        {
            queued += await QueueTenantAsync(tenant, today, ct);
            moved += await ScoreTenantAsync(tenant, today, ct);
        }, cancellationToken);
        return (queued, moved);
    }

    /// <summary>Queues every customer of each tenant not yet re-scored on <paramref name="today"/>; returns the customers queued.</summary>
    public async Task<int> QueueNightlyAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var queued = 0;
        var tenants = await TenantsAsync(db => RiskQueue.TenantsNotRescoredAsync(db, today, cancellationToken));
        await TenantLoop.ForEachAsync(tenants, Job, logger, async (tenant, ct) => queued += await QueueTenantAsync(tenant, today, ct), cancellationToken);
        return queued;
    }

    /// <summary>Scores every queued customer as of <paramref name="today"/>; returns how many ratings moved.</summary>
    public async Task<int> ScoreQueuedAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var moved = 0;
        var tenants = await TenantsAsync(db => RiskQueue.TenantsQueuedAsync(db, cancellationToken));
        await TenantLoop.ForEachAsync(tenants, Job, logger, async (tenant, ct) => moved += await ScoreTenantAsync(tenant, today, ct), cancellationToken);
        return moved;
    }

    /// <summary>Queues the tenant's customers unless its nightly re-score of <paramref name="today"/> is claimed already.</summary>
    private async Task<int> QueueTenantAsync(Guid tenant, DateOnly today, CancellationToken cancellationToken)
    {
        using var scope = TenantScope(tenant, out var db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var queued = await RiskQueue.ClaimNightlyAsync(db, tenant, today, cancellationToken) ? await RiskQueue.EnqueueAllAsync(db, cancellationToken) : 0;
        await transaction.CommitAsync(cancellationToken);
        return queued;
    }

    private async Task<int> ScoreTenantAsync(Guid tenant, DateOnly today, CancellationToken cancellationToken)
    {
        var moved = 0;
        int claimed;
        do
        {
            (claimed, var batchMoved) = await ScoreBatchAsync(tenant, today, cancellationToken);
            moved += batchMoved;
        }
        while (claimed == BatchSize);

        return moved;
    }

    private async Task<(int Claimed, int Moved)> ScoreBatchAsync(Guid tenant, DateOnly today, CancellationToken cancellationToken)
    {
        using var scope = TenantScope(tenant, out var db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await RiskQueue.ClaimAsync(db, tenant, BatchSize, cancellationToken);
        if (ids.Count == 0)
        {
            return (0, 0);
        }

        var behaviours = await PaymentBehaviourQuery.LoadAsync(db, ids, today, cancellationToken);
        var customers = await db.Customers.Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).ToDictionaryAsync(c => c.Id, cancellationToken);
        var overdueHoldDays = await CreditHolds.OverdueHoldDaysAsync(db, cancellationToken);
        var moved = 0;
        foreach (var behaviour in behaviours)
        {
            if (!customers.TryGetValue(behaviour.CustomerId, out var customer))
            {
                continue; // invoiced under an id this service does not know
            }

            var score = RiskModel.Score(behaviour);
            if (score.Rating != customer.RiskRating)
            {
                db.AddToOutbox(new CustomerRiskChanged(tenant, customer.Id, customer.RiskRating, score.Rating, score.Score, score.Factors, today), clock);
                moved++;
            }

            // Written only when something moved: the nightly run leaves unchanged customers untouched.
            var factors = JsonSerializer.Serialize(score.Factors, JsonSerializerOptions.Web);
            if (score.Rating != customer.RiskRating || score.Score != customer.RiskScore || factors != customer.RiskFactors)
            {
                (customer.RiskRating, customer.RiskScore, customer.RiskFactors, customer.RiskScoredOn) = (score.Rating, score.Score, factors, today);
            }

            (customer.OverdueDays, customer.OldestOverdueInvoice) = (behaviour.OldestOverdueDays, behaviour.OldestOverdueInvoice);
            CreditHolds.Reassess(db, customer, overdueHoldDays, clock);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (moved > 0)
        {
            logger.LogInformation("Risk scoring for tenant {Tenant}: {Scored} customers scored, {Moved} ratings moved", tenant, ids.Count, moved);
        }

        return (ids.Count, moved);
    }

    private async Task<List<Guid>> TenantsAsync(Func<CustomersDbContext, Task<List<Guid>>> query)
    {
        using var scope = scopes.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<CustomersDbContext>());
    }

    private IServiceScope TenantScope(Guid tenant, out CustomersDbContext db)
    {
        var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        return scope;
    }
}
