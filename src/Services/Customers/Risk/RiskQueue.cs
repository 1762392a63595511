using ArPlatform.Customers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Risk;

public static class RiskQueue
{
    /// <summary>Remembers a tenant for the daily jobs (the nightly re-score) (on registration and import; the migration filled in earlier tenants).</summary>
    public static Task RememberTenantAsync(CustomersDbContext db, Guid tenantId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"INSERT INTO customer_tenants (id) VALUES ({tenantId}) ON CONFLICT DO NOTHING", cancellationToken);

    /// <summary>Queues customers for scoring, once each however often they are queued.</summary>
    public static async Task EnqueueAsync(CustomersDbContext db, Guid tenantId, Guid[] customerIds, CancellationToken cancellationToken)
    {
        if (customerIds.Length > 0)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO risk_queue (tenant_id, customer_id, enqueued_at) SELECT {tenantId}, id, now() FROM unnest({customerIds}) AS q(id)
                ON CONFLICT DO NOTHING
                """, cancellationToken);
        }
    }

    /// <summary>
    /// Queues every customer of the tenant the context acts for that has receivables history (a changed rule, the
    /// nightly re-score): time changes nothing for a customer without any.
    /// </summary>
    public static Task<int> EnqueueAllAsync(CustomersDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO risk_queue (tenant_id, customer_id, enqueued_at)
            SELECT c.tenant_id, c.id, now() FROM customers c
            WHERE c.tenant_id = {db.Tenant.RequiredTenantId}
              AND EXISTS (SELECT 1 FROM receivable_movements m WHERE m.tenant_id = c.tenant_id AND m.customer_id = c.id)
            ON CONFLICT DO NOTHING
            """, cancellationToken);

    /// <summary>The tenants with customers queued. Runs across tenants.</summary>
    public static Task<List<Guid>> TenantsQueuedAsync(CustomersDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<Guid>($"SELECT DISTINCT tenant_id AS \"Value\" FROM risk_queue ORDER BY 1").ToListAsync(cancellationToken);

    /// <summary>Takes up to <paramref name="batchSize"/> of the tenant's queued customers off the queue, skipping those another replica holds.</summary>
    public static Task<List<Guid>> ClaimAsync(CustomersDbContext db, Guid tenant, int batchSize, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<Guid>($"""
            DELETE FROM risk_queue WHERE tenant_id = {tenant} AND customer_id IN (
                SELECT customer_id FROM risk_queue WHERE tenant_id = {tenant} ORDER BY customer_id LIMIT {batchSize} FOR UPDATE SKIP LOCKED)
            RETURNING customer_id AS "Value"
            """).ToListAsync(cancellationToken);
}
