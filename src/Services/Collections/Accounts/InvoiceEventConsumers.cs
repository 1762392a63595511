using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Collections.Persistence;
using ArPlatform.Collections.Promises;
using ArPlatform.Contracts;

namespace ArPlatform.Collections.Accounts;

/// <summary>
/// Keeps the accounts' items from Invoices' events, one consumer per event, each at most once per message (inbox).
/// What is open on an item is the sum of its events, so it equals Invoices' figure once they have all landed.
/// </summary>
public abstract class ItemEventConsumer<TMessage>(CollectionsDbContext db, TenantContext tenant, TimeProvider clock, ILogger logger)
    : IdempotentConsumer<TMessage, CollectionsDbContext>(db, tenant, logger)
    where TMessage : class, IIntegrationEvent
{
    protected TimeProvider Clock => clock;

    protected Task ApplyAsync(TMessage message, IEnumerable<ItemChange> changes, CancellationToken cancellationToken) =>
        ItemLedgerQueries.ApplyAsync(Db, message.TenantId, [.. changes.GroupBy(c => c.InvoiceId).Select(Combine)], clock.GetUtcNow(),
            ServiceDefaults.Http.BusinessDate.Today(clock), cancellationToken);

    private static ItemChange Combine(IGrouping<Guid, ItemChange> changes) =>
        changes.Skip(1).Aggregate(changes.First(), (sum, c) => sum with { AmountDelta = sum.AmountDelta + c.AmountDelta, OpenDelta = sum.OpenDelta + c.OpenDelta });
}

public sealed class InvoiceIssuedConsumer(CollectionsDbContext db, TenantContext tenant, TimeProvider clock, ILogger<InvoiceIssuedConsumer> logger)
    : ItemEventConsumer<InvoiceIssued>(db, tenant, clock, logger)
{
    protected override Task HandleAsync(InvoiceIssued m, CancellationToken cancellationToken) =>
        ApplyAsync(m, [new ItemChange(m.InvoiceId, m.CustomerId, m.Number, m.DueDate, m.InvoiceDate, m.Amount, m.Amount, Issued: true)], cancellationToken);
}

public sealed class InvoiceBatchIssuedConsumer(CollectionsDbContext db, TenantContext tenant, TimeProvider clock, ILogger<InvoiceBatchIssuedConsumer> logger)
    : ItemEventConsumer<InvoiceBatchIssued>(db, tenant, clock, logger)
{
    protected override Task HandleAsync(InvoiceBatchIssued m, CancellationToken cancellationToken) =>
        ApplyAsync(m, m.ToInvoices().Select(i => new ItemChange(i.InvoiceId, i.CustomerId, i.Number, i.DueDate, i.InvoiceDate, i.Amount, i.Amount, Issued: true)),
            cancellationToken);
}

public sealed class InvoiceCancelledConsumer(CollectionsDbContext db, TenantContext tenant, TimeProvider clock, ILogger<InvoiceCancelledConsumer> logger)
    : ItemEventConsumer<InvoiceCancelled>(db, tenant, clock, logger)
{
    protected override async Task HandleAsync(InvoiceCancelled m, CancellationToken cancellationToken)
    {
        await ApplyAsync(m, [new ItemChange(m.InvoiceId, m.CustomerId, m.Number, m.DueDate, null, 0, 0)], cancellationToken);
        await ItemLedgerQueries.CloseAsync(Db, m.InvoiceId, "cancelled", cancellationToken);
    }
}

public sealed class InvoiceWrittenOffConsumer(CollectionsDbContext db, TenantContext tenant, TimeProvider clock, ILogger<InvoiceWrittenOffConsumer> logger)
    : ItemEventConsumer<InvoiceWrittenOff>(db, tenant, clock, logger)
{
    protected override Task HandleAsync(InvoiceWrittenOff m, CancellationToken cancellationToken) =>
        ApplyAsync(m, [new ItemChange(m.InvoiceId, m.CustomerId, m.Number, m.DueDate, null, 0, -m.Amount, ClosedAs: "written-off")], cancellationToken);
}

public sealed class CreditNoteIssuedConsumer(CollectionsDbContext db, TenantContext tenant, TimeProvider clock, ILogger<CreditNoteIssuedConsumer> logger)
    : ItemEventConsumer<CreditNoteIssued>(db, tenant, clock, logger)
{
    protected override Task HandleAsync(CreditNoteIssued m, CancellationToken cancellationToken) =>
        m is { InvoiceId: { } invoice, InvoiceDueDate: { } due }
            ? ApplyAsync(m, [new ItemChange(invoice, m.CustomerId, m.InvoiceNumber, due, null, 0, -m.Amount)], cancellationToken)
            : Task.CompletedTask; // credit on account: no invoice's open amount changes until it is allocated
}

public sealed class DebitNoteIssuedConsumer(CollectionsDbContext db, TenantContext tenant, TimeProvider clock, ILogger<DebitNoteIssuedConsumer> logger)
    : ItemEventConsumer<DebitNoteIssued>(db, tenant, clock, logger)
{
    protected override Task HandleAsync(DebitNoteIssued m, CancellationToken cancellationToken) =>
        ApplyAsync(m, [new ItemChange(m.InvoiceId, m.CustomerId, m.InvoiceNumber, m.InvoiceDueDate, null, m.Amount, m.Amount)], cancellationToken);
}

/// <summary>A payment's part on an invoice: the item goes down, the cash is recorded for promises, and the account's open promises are looked at.</summary>
public sealed class PaymentAllocatedConsumer(
    CollectionsDbContext db, TenantContext tenant, TimeProvider clock, PromiseKeeper promises, ILogger<PaymentAllocatedConsumer> logger)
    : ItemEventConsumer<PaymentAllocated>(db, tenant, clock, logger)
{
    protected override async Task HandleAsync(PaymentAllocated m, CancellationToken cancellationToken)
    {
        var settled = m.Settled;
        await ApplyAsync(m, [new ItemChange(m.InvoiceId, m.CustomerId, m.InvoiceNumber, m.DueDate, null, 0, -settled)], cancellationToken);
        if (m.Cash + m.Tds > 0)
        {
            Db.Receipts.Add(new CashReceipt
            {
                Id = Guid.CreateVersion7(Clock.GetUtcNow()),
                TenantId = m.TenantId,
                PaymentId = m.PaymentId,
                CustomerId = m.CustomerId,
                InvoiceId = m.InvoiceId,
                EffectiveDate = m.EffectiveDate,
                Amount = m.Cash + m.Tds,
            });
            await Db.SaveChangesAsync(cancellationToken);
            await promises.ReviewAsync(m.CustomerId, cancellationToken);
        }
    }
}

/// <summary>A bounced payment: what it settled is open again at the position each item had, and a promise it kept is kept no more.</summary>
public sealed class PaymentReversedConsumer(
    CollectionsDbContext db, TenantContext tenant, TimeProvider clock, PromiseKeeper promises, ILogger<PaymentReversedConsumer> logger)
    : ItemEventConsumer<PaymentReversed>(db, tenant, clock, logger)
{
    protected override async Task HandleAsync(PaymentReversed m, CancellationToken cancellationToken)
    {
        await ApplyAsync(m, m.Invoices.Select(i => new ItemChange(i.InvoiceId, m.CustomerId, null, i.DueDate, null, 0, i.Amount)), cancellationToken);
        foreach (var receipt in Db.Receipts.Where(r => r.PaymentId == m.PaymentId && r.ReversedOn == null))
        {
            receipt.ReversedOn = m.ReversedOn;
        }

        await Db.SaveChangesAsync(cancellationToken);
        await promises.ReviewAsync(m.CustomerId, cancellationToken);
    }
}
