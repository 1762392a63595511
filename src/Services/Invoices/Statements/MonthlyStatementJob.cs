using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Jobs;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Statements;

/// <summary>
/// Produces every customer's statement for the previous month, for each tenant, once: runs at start and every
/// <c>Jobs:Statements:Interval</c> (default six hours), skipping statements already produced (a unique row per
/// customer and month), so several replicas and restarts are safe. Logs its progress per tenant.
/// </summary>
public sealed class MonthlyStatementJob(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<MonthlyStatementJob> logger)
    : BackgroundService
{
    private const int BatchSize = 200;

    private const string Job = "monthly statement";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicJob.RunEveryAsync(configuration.GetValue("Jobs:Statements:Interval", TimeSpan.FromHours(6)), clock, logger, Job,
            (today, cancellationToken) => RunAsync(new DateOnly(today.Year, today.Month, 1).AddMonths(-1), cancellationToken), stoppingToken);

    /// <summary>Produces the statements of <paramref name="month"/> (its first day) not produced yet; returns how many.</summary>
    public async Task<int> RunAsync(DateOnly month, CancellationToken cancellationToken = default)
    {
        List<Guid> tenants;
        using (var scope = scopes.CreateScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<InvoicesDbContext>().Tenants.AsNoTracking()
                .OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
        }

        var produced = 0;
        await TenantLoop.ForEachAsync(tenants, Job, logger, async (tenant, ct) =>
        {
            var forTenant = 0;
            int batch;
            do
            {
                batch = await ProduceBatchAsync(tenant, month, ct);
                forTenant += batch;
                produced += batch;
                if (batch > 0)
                {
                    logger.LogInformation("Monthly statements {Month:yyyy-MM} for tenant {Tenant}: {Count} produced so far", month, tenant, forTenant);
                }
            }
            while (batch == BatchSize);
        }, cancellationToken);

        return produced;
    }

    private async Task<int> ProduceBatchAsync(Guid tenant, DateOnly month, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var db = scope.ServiceProvider.GetRequiredService<InvoicesDbContext>();
        var end = month.AddMonths(1).AddDays(-1);
        var customers = await db.Customers.AsNoTracking()
            .Where(c => db.Ledger.Any(l => l.CustomerId == c.Id && l.EffectiveDate <= end))
            .Where(c => !db.MonthlyStatements.Any(s => s.CustomerId == c.Id && s.Month == month))
            .OrderBy(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var customer in customers)
        {
            var statement = StatementBuilder.Build(customer.Id, customer.Code, month, end, await StatementEndpoints.EntriesAsync(db, customer.Id, end));
            await StatementQueries.KeepMonthlyAsync(db, tenant, customer.Id, month, statement, now, cancellationToken);
        }

        return customers.Count;
    }
}
