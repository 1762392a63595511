using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Customers.Persistence;

namespace ArPlatform.Customers.Risk;

/// <summary>
/// Queues every customer of the tenant with receivables history for re-scoring, once per business date (run by the
/// daily-job runner, ADR 0016, whose claim keeps it to once per tenant and date), so that time-based factors age and
/// overdue holds start on the day an invoice passes the tenant's limit; <see cref="RiskScoringJob"/> scores the queue.
/// </summary>
public sealed class RiskNightlyJob(IServiceScopeFactory scopes, ILogger<RiskNightlyJob> logger) : IDailyJob
{
    public string Name => "risk-nightly-rescore";

    Task IDailyJob.RunAsync(Guid tenant, DateOnly businessDate, CancellationToken cancellationToken) => QueueAsync(tenant, businessDate, cancellationToken);

    /// <summary>Queues the tenant's customers; returns how many were not queued already.</summary>
    public async Task<int> QueueAsync(Guid tenant, DateOnly businessDate, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var queued = await RiskQueue.EnqueueAllAsync(scope.ServiceProvider.GetRequiredService<CustomersDbContext>(), cancellationToken);
        logger.LogInformation("Nightly re-score of {Date} for tenant {Tenant}: {Queued} customers queued", businessDate, tenant, queued);
        return queued;
    }
}
