using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Reporting.Persistence;

namespace ArPlatform.Reporting.Aging;

/// <summary>Reduces an invoice's open amount in aging from the allocation's effective date on; once per message.</summary>
public sealed class PaymentAllocatedConsumer(ReportingDbContext db, TenantContext tenant, ILogger<PaymentAllocatedConsumer> logger)
    : IdempotentConsumer<PaymentAllocated, ReportingDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(PaymentAllocated message, CancellationToken cancellationToken)
    {
        Db.Settlements.Add(new SettlementView
        {
            PaymentId = message.PaymentId,
            InvoiceId = message.InvoiceId,
            TenantId = message.TenantId,
            CustomerId = message.CustomerId,
            DueDate = message.DueDate,
            EffectiveDate = message.EffectiveDate,
            Amount = message.Cash + message.Tds + message.Discount,
        });
        return Task.CompletedTask;
    }
}
