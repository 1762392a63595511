using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Customers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Credit;

/// <summary>
/// Keeps each customer's exposure (what is open on its invoices) from the invoice and payment events, once per
/// message, and re-assesses its automatic credit hold in the same transaction.
/// </summary>
public abstract class ExposureConsumer<TMessage>(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger logger)
    : IdempotentConsumer<TMessage, CustomersDbContext>(db, tenant, logger)
    where TMessage : class, IIntegrationEvent
{
    protected abstract IEnumerable<(Guid CustomerId, decimal Change)> Changes(TMessage message);

    private sealed record ExposureRow(Guid Id, decimal Exposure, decimal? CreditLimit, bool OnHold, string? HoldReason);

    protected override async Task HandleAsync(TMessage message, CancellationToken cancellationToken)
    {
        var changes = Changes(message).GroupBy(c => c.CustomerId).Select(g => (Id: g.Key, Change: g.Sum(c => c.Change)))
            .Where(c => c.Change != 0).OrderBy(c => c.Id).ToList();
        if (changes.Count == 0)
        {
            return;
        }

        // One statement for every customer of the message (a bulk import names thousands); customers this service does
        // not know have no credit profile here and are skipped.
        var ids = changes.Select(c => c.Id).ToArray();
        var amounts = changes.Select(c => c.Change).ToArray();
        var updated = await Db.Database.SqlQuery<ExposureRow>($"""
            UPDATE customers c SET exposure = c.exposure + d.change
            FROM unnest({ids}, {amounts}) AS d(id, change)
            WHERE c.id = d.id AND c.tenant_id = {message.TenantId}
            RETURNING c.id AS "Id", c.exposure AS "Exposure", c.credit_limit AS "CreditLimit", c.on_hold AS "OnHold", c.hold_reason AS "HoldReason"
            """).ToListAsync(cancellationToken);
        foreach (var row in updated.Where(r => CreditHolds.NeedsChange(r.Exposure, r.CreditLimit, r.OnHold, r.HoldReason)))
        {
            var customer = await Db.Customers.SingleAsync(c => c.Id == row.Id, cancellationToken);
            CreditHolds.Reassess(Db, customer, clock);
        }
    }
}

public sealed class InvoiceIssuedExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<InvoiceIssuedExposure> logger)
    : ExposureConsumer<InvoiceIssued>(db, tenant, clock, logger)
{
    protected override IEnumerable<(Guid, decimal)> Changes(InvoiceIssued m) => [(m.CustomerId, m.Amount)];
}

public sealed class InvoicesIssuedExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<InvoicesIssuedExposure> logger)
    : ExposureConsumer<InvoicesIssued>(db, tenant, clock, logger)
{
    protected override IEnumerable<(Guid, decimal)> Changes(InvoicesIssued m) => m.Invoices.Select(i => (i.CustomerId, i.Amount));
}

public sealed class PaymentAllocatedExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<PaymentAllocatedExposure> logger)
    : ExposureConsumer<PaymentAllocated>(db, tenant, clock, logger)
{
    protected override IEnumerable<(Guid, decimal)> Changes(PaymentAllocated m) => [(m.CustomerId, -(m.Cash + m.Tds + m.Discount))];
}

public sealed class PaymentReversedExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<PaymentReversedExposure> logger)
    : ExposureConsumer<PaymentReversed>(db, tenant, clock, logger)
{
    protected override IEnumerable<(Guid, decimal)> Changes(PaymentReversed m) => m.Invoices.Select(i => (m.CustomerId, i.Amount));
}

public sealed class CreditNoteExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<CreditNoteExposure> logger)
    : ExposureConsumer<CreditNoteIssued>(db, tenant, clock, logger)
{
    protected override IEnumerable<(Guid, decimal)> Changes(CreditNoteIssued m) => m.InvoiceId is null ? [] : [(m.CustomerId, -m.Amount)];
}

public sealed class DebitNoteExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<DebitNoteExposure> logger)
    : ExposureConsumer<DebitNoteIssued>(db, tenant, clock, logger)
{
    protected override IEnumerable<(Guid, decimal)> Changes(DebitNoteIssued m) => [(m.CustomerId, m.Amount)];
}

public sealed class WriteOffExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<WriteOffExposure> logger)
    : ExposureConsumer<InvoiceWrittenOff>(db, tenant, clock, logger)
{
    protected override IEnumerable<(Guid, decimal)> Changes(InvoiceWrittenOff m) => [(m.CustomerId, -m.Amount)];
}

public sealed class CancellationExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<CancellationExposure> logger)
    : ExposureConsumer<InvoiceCancelled>(db, tenant, clock, logger)
{
    protected override IEnumerable<(Guid, decimal)> Changes(InvoiceCancelled m) => [(m.CustomerId, -m.Amount)];
}
