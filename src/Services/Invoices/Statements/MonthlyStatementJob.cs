using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Invoices.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Statements;

/// <summary>
/// Produces every customer's statement for the month before the business date, once: run by the daily-job runner
/// (ADR 0016) once per tenant and business date, skipping statements already produced (a unique row per customer and
/// month), so a run repeated after a crash is safe. Logs its progress per tenant.
/// </summary>
public sealed class MonthlyStatementJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<MonthlyStatementJob> logger) : IDailyJob
{
    private const int BatchSize = 200;

    public string Name => "monthly-statements";

    Task IDailyJob.RunAsync(Guid tenant, DateOnly businessDate, CancellationToken cancellationToken) =>
        ProduceAsync(tenant, new DateOnly(businessDate.Year, businessDate.Month, 1).AddMonths(-1), cancellationToken);

    /// <summary>Produces the tenant's statements of <paramref name="month"/> (its first day) not produced yet; returns how many.</summary>
    public async Task<int> ProduceAsync(Guid tenant, DateOnly month, CancellationToken cancellationToken = default)
    {
        var produced = 0;
        int batch;
        do
        {
            batch = await ProduceBatchAsync(tenant, month, cancellationToken);
            produced += batch;
            if (batch > 0)
            {
                logger.LogInformation("Monthly statements {Month:yyyy-MM} for tenant {Tenant}: {Count} produced so far", month, tenant, produced);
            }
        }
        while (batch == BatchSize);

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
        var bounds = await AgingBoundsModel.LoadAsync(db, cancellationToken);
        foreach (var customer in customers)
        {
            var statement = StatementBuilder.Build(customer.Id, customer.Code, month, end, await StatementQueries.EntriesAsync(db, customer.Id, end), bounds);
            await StatementQueries.KeepMonthlyAsync(db, tenant, customer.Id, month, statement, now, cancellationToken);
        }

        return customers.Count;
    }
}
