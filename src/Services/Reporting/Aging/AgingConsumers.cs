using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Reporting.Persistence;

namespace ArPlatform.Reporting.Aging;

/// <summary>
/// Every consumer here records its change in Reporting's tables and in today's aging snapshot, in one transaction
/// with the inbox row: each message counts once.
/// </summary>
public abstract class AgingConsumer<TMessage>(ReportingDbContext db, TenantContext tenant, ILogger logger)
    : IdempotentConsumer<TMessage, ReportingDbContext>(db, tenant, logger)
    where TMessage : class, IIntegrationEvent
{
    protected Task SettleAsync(Guid sourceId, string kind, Guid customerId, Guid invoiceId, DateOnly dueDate, DateOnly effective, decimal amount,
        CancellationToken cancellationToken) =>
        RecordSettlementCommand.RunAsync(Db, new SettlementView
        {
            Id = Guid.CreateVersion7(),
            PaymentId = sourceId,
            InvoiceId = invoiceId,
            Kind = kind,
            CustomerId = customerId,
            DueDate = dueDate,
            EffectiveDate = effective,
            Amount = amount,
        }, cancellationToken);
}

public sealed class InvoiceIssuedConsumer(ReportingDbContext db, TenantContext tenant, ILogger<InvoiceIssuedConsumer> logger)
    : AgingConsumer<InvoiceIssued>(db, tenant, logger)
{
    protected override Task HandleAsync(InvoiceIssued message, CancellationToken cancellationToken) =>
        AddReceivablesCommand.RunAsync(Db, [message], cancellationToken);
}

/// <summary>A bulk import's invoices, added with one insert.</summary>
public sealed class InvoicesIssuedConsumer(ReportingDbContext db, TenantContext tenant, ILogger<InvoicesIssuedConsumer> logger)
    : AgingConsumer<InvoiceBatchIssued>(db, tenant, logger)
{
    protected override Task HandleAsync(InvoiceBatchIssued message, CancellationToken cancellationToken) =>
        AddReceivablesCommand.RunAsync(Db, [.. message.ToInvoices()], cancellationToken);
}

public sealed class PaymentAllocatedConsumer(ReportingDbContext db, TenantContext tenant, ILogger<PaymentAllocatedConsumer> logger)
    : AgingConsumer<PaymentAllocated>(db, tenant, logger)
{
    protected override Task HandleAsync(PaymentAllocated m, CancellationToken cancellationToken) =>
        SettleAsync(m.PaymentId, SettlementKinds.Allocated, m.CustomerId, m.InvoiceId, m.DueDate, m.EffectiveDate, m.Settled, cancellationToken);
}

/// <summary>Reopens what a reversed payment settled, from the reversal date on.</summary>
public sealed class PaymentReversedConsumer(ReportingDbContext db, TenantContext tenant, ILogger<PaymentReversedConsumer> logger)
    : AgingConsumer<PaymentReversed>(db, tenant, logger)
{
    protected override async Task HandleAsync(PaymentReversed m, CancellationToken cancellationToken)
    {
        foreach (var invoice in m.Invoices)
        {
            await SettleAsync(m.PaymentId, SettlementKinds.Reversed, m.CustomerId, invoice.InvoiceId, invoice.DueDate, m.ReversedOn, -invoice.Amount, cancellationToken);
        }
    }
}

/// <summary>A credit note against an invoice reduces it from its date; credit on account is not part of invoice aging.</summary>
public sealed class CreditNoteIssuedConsumer(ReportingDbContext db, TenantContext tenant, ILogger<CreditNoteIssuedConsumer> logger)
    : AgingConsumer<CreditNoteIssued>(db, tenant, logger)
{
    protected override Task HandleAsync(CreditNoteIssued m, CancellationToken cancellationToken) =>
        m is { InvoiceId: { } invoiceId, InvoiceDueDate: { } dueDate }
            ? SettleAsync(m.CreditNoteId, SettlementKinds.CreditNote, m.CustomerId, invoiceId, dueDate, m.Date, m.Amount, cancellationToken)
            : Task.CompletedTask;
}

public sealed class DebitNoteIssuedConsumer(ReportingDbContext db, TenantContext tenant, ILogger<DebitNoteIssuedConsumer> logger)
    : AgingConsumer<DebitNoteIssued>(db, tenant, logger)
{
    protected override Task HandleAsync(DebitNoteIssued m, CancellationToken cancellationToken) =>
        SettleAsync(m.DebitNoteId, SettlementKinds.DebitNote, m.CustomerId, m.InvoiceId, m.InvoiceDueDate, m.Date, -m.Amount, cancellationToken);
}

public sealed class InvoiceWrittenOffConsumer(ReportingDbContext db, TenantContext tenant, ILogger<InvoiceWrittenOffConsumer> logger)
    : AgingConsumer<InvoiceWrittenOff>(db, tenant, logger)
{
    protected override Task HandleAsync(InvoiceWrittenOff m, CancellationToken cancellationToken) =>
        SettleAsync(Guid.CreateVersion7(), SettlementKinds.WrittenOff, m.CustomerId, m.InvoiceId, m.DueDate, m.WrittenOffOn, m.Amount, cancellationToken);
}

public sealed class InvoiceCancelledConsumer(ReportingDbContext db, TenantContext tenant, ILogger<InvoiceCancelledConsumer> logger)
    : AgingConsumer<InvoiceCancelled>(db, tenant, logger)
{
    protected override Task HandleAsync(InvoiceCancelled m, CancellationToken cancellationToken) =>
        SettleAsync(m.InvoiceId, SettlementKinds.Cancelled, m.CustomerId, m.InvoiceId, m.DueDate, m.CancelledOn, m.Amount, cancellationToken);
}
