using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Customers.Credit;
using ArPlatform.Customers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Risk;

/// <summary>The writes of the customers' receivable movements, the history their payment behaviour is computed from.</summary>
public static class MovementCommands
{
    /// <summary>The movements an event reports, in one statement however many (a bulk import names thousands).</summary>
    public static Task<int> RecordAsync(CustomersDbContext db, Guid tenantId, IReadOnlyList<Movement> movements, CancellationToken cancellationToken) =>
        db.InsertEntitiesAsync(movements.Select(m => new ReceivableMovement
        {
            TenantId = tenantId,
            CustomerId = m.CustomerId,
            InvoiceId = m.InvoiceId,
            InvoiceNumber = m.InvoiceNumber,
            DueDate = m.DueDate,
            EffectiveDate = m.EffectiveDate,
            Change = m.Change,
            Kind = m.Kind,
            PaymentId = m.PaymentId,
            DaysLate = m.DaysLate,
        }).ToList(), cancellationToken);

    /// <summary>A bounced payment no longer counts as paid, nor do the settlements it made.</summary>
    public static Task<int> MarkReversedAsync(CustomersDbContext db, PaymentReversed message, CancellationToken cancellationToken)
    {
        var invoices = message.Invoices.Select(i => i.InvoiceId).ToArray();
        return db.Database.ExecuteSqlAsync($"""
            UPDATE receivable_movements SET reversed_on = {message.ReversedOn}
            WHERE tenant_id = {message.TenantId} AND customer_id = {message.CustomerId} AND reversed_on IS NULL
              AND (kind = 'paid' AND payment_id = {message.PaymentId} OR kind = 'settled' AND invoice_id = ANY({invoices}))
            """, cancellationToken);
    }
}
