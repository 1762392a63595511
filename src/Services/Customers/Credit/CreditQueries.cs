using ArPlatform.Customers.Customers;
using ArPlatform.Customers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Credit;

/// <summary>A customer's credit figures after a change of its exposure, as the automatic hold rule reads them.</summary>
public sealed record ExposureRow(
    Guid Id, decimal Exposure, decimal? CreditLimit, bool OnHold, bool HoldAutomatic, string? HoldReason, int OverdueDays, string? OldestOverdueInvoice);

/// <summary>The credit statements EF cannot write: the customer's row lock and the exposure kept from the receivable events.</summary>
public static class CreditQueries
{
    /// <summary>The customer, locked for the rest of the transaction so concurrent credit changes apply one after the other.</summary>
    public static Task<Customer?> LockCustomerAsync(CustomersDbContext db, Guid id, CancellationToken cancellationToken = default) =>
        db.Customers.FromSql($"SELECT * FROM customers WHERE id = {id} AND tenant_id = {db.Tenant.RequiredTenantId} FOR UPDATE")
            .IgnoreQueryFilters().SingleOrDefaultAsync(cancellationToken);

    /// <summary>Adds each amount to its customer's exposure in one statement; returns the customers changed, with their new figures.</summary>
    public static Task<List<ExposureRow>> AddExposureAsync(CustomersDbContext db, Guid tenantId, Guid[] ids, decimal[] amounts, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<ExposureRow>($"""
            UPDATE customers c SET exposure = c.exposure + d.change
            FROM (SELECT unnest({ids}) AS id, unnest({amounts}) AS change) AS d
            WHERE c.id = d.id AND c.tenant_id = {tenantId}
            RETURNING c.id AS "Id", c.exposure AS "Exposure", c.credit_limit AS "CreditLimit", c.on_hold AS "OnHold", c.hold_automatic AS "HoldAutomatic",
                      c.hold_reason AS "HoldReason", c.overdue_days AS "OverdueDays", c.oldest_overdue_invoice AS "OldestOverdueInvoice"
            """).ToListAsync(cancellationToken);
}
