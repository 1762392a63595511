using System.Text.Json;
using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Customers.Credit;
using ArPlatform.Customers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Risk;

/// <summary>
/// Scores the customers in the risk queue (filled by the behaviour events, and once per business date by
/// <see cref="RiskNightlyJob"/>) every <c>Jobs:Risk:Interval</c> (default 5 s). A new rating is stored with its
/// factors and published as <see cref="CustomerRiskChanged"/>; the automatic hold is re-assessed in the same
/// transaction. Safe with several replicas: queue rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
public sealed class RiskScoringJob(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<RiskScoringJob> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    private const string Job = "risk-scoring";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicJob.RunEveryAsync(configuration.GetValue("Jobs:Risk:Interval", TimeSpan.FromSeconds(5)), clock, logger, Job,
            (today, cancellationToken) => ScoreQueuedAsync(today, cancellationToken), stoppingToken);

    /// <summary>
    /// Scores every queued customer as of <paramref name="today"/>, one tenant after the other (a tenant that fails
    /// does not stop the others, <see cref="TenantLoop"/>); returns how many ratings moved.
    /// </summary>
    public async Task<int> ScoreQueuedAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var moved = 0;
        List<Guid> tenants;
        using (var scope = scopes.CreateScope())
        {
            tenants = await RiskQueue.TenantsQueuedAsync(scope.ServiceProvider.GetRequiredService<CustomersDbContext>(), cancellationToken);
        }

        await TenantLoop.ForEachAsync(tenants, Job, logger, async (tenant, ct) => moved += await ScoreTenantAsync(tenant, today, ct), cancellationToken);
        return moved;
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

    private IServiceScope TenantScope(Guid tenant, out CustomersDbContext db)
    {
        var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        return scope;
    }
}
