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

    protected override async Task HandleAsync(TMessage message, CancellationToken cancellationToken)
    {
        foreach (var (customerId, change) in Changes(message).GroupBy(c => c.CustomerId).Select(g => (g.Key, g.Sum(c => c.Change))).OrderBy(c => c.Key))
        {
            var customer = await Db.Customers.FromSql($"SELECT * FROM customers WHERE id = {customerId} AND tenant_id = {message.TenantId} FOR UPDATE")
                .IgnoreQueryFilters().SingleOrDefaultAsync(cancellationToken);
            if (customer is null || change == 0)
            {
                continue; // a customer this service does not know (registered elsewhere) has no credit profile here
            }

            customer.Exposure += change;
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
