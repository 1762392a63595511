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
            Kind = SettlementKinds.Allocated,
            TenantId = message.TenantId,
            CustomerId = message.CustomerId,
            DueDate = message.DueDate,
            EffectiveDate = message.EffectiveDate,
            Amount = message.Cash + message.Tds + message.Discount,
        });
        return Task.CompletedTask;
    }
}

/// <summary>Reopens what a reversed payment settled, from the reversal date on; once per message.</summary>
public sealed class PaymentReversedConsumer(ReportingDbContext db, TenantContext tenant, ILogger<PaymentReversedConsumer> logger)
    : IdempotentConsumer<PaymentReversed, ReportingDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(PaymentReversed message, CancellationToken cancellationToken)
    {
        foreach (var invoice in message.Invoices)
        {
            Db.Settlements.Add(new SettlementView
            {
                PaymentId = message.PaymentId,
                InvoiceId = invoice.InvoiceId,
                Kind = SettlementKinds.Reversed,
                TenantId = message.TenantId,
                CustomerId = message.CustomerId,
                DueDate = invoice.DueDate,
                EffectiveDate = message.ReversedOn,
                Amount = -invoice.Amount,
            });
        }

        return Task.CompletedTask;
    }
}

/// <summary>A credit note against an invoice reduces it in aging from its date, like a settlement; once per message.</summary>
public sealed class CreditNoteIssuedConsumer(ReportingDbContext db, TenantContext tenant, ILogger<CreditNoteIssuedConsumer> logger)
    : IdempotentConsumer<CreditNoteIssued, ReportingDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(CreditNoteIssued message, CancellationToken cancellationToken)
    {
        // Credit on account (no invoice) is not part of the invoice aging.
        if (message is { InvoiceId: { } invoiceId, InvoiceDueDate: { } dueDate })
        {
            Db.Settlements.Add(new SettlementView
            {
                PaymentId = message.CreditNoteId,
                InvoiceId = invoiceId,
                Kind = SettlementKinds.CreditNote,
                TenantId = message.TenantId,
                CustomerId = message.CustomerId,
                DueDate = dueDate,
                EffectiveDate = message.Date,
                Amount = message.Amount,
            });
        }

        return Task.CompletedTask;
    }
}

public static class SettlementKinds
{
    public const string Allocated = "allocated";
    public const string Reversed = "reversed";
    public const string CreditNote = "credit-note";
}
