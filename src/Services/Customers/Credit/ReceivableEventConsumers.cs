using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Customers.Persistence;
using ArPlatform.Customers.Risk;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Credit;

/// <summary>One change of what a customer owes on one invoice, as an event reports it.</summary>
public sealed record Movement(
    Guid CustomerId, Guid InvoiceId, string? InvoiceNumber, DateOnly DueDate, DateOnly EffectiveDate, decimal Change, string Kind, Guid? PaymentId = null,
    int? DaysLate = null);

/// <summary>
/// Consumes the invoice and payment events, once per message: records their movements (the customer's payment
/// history), keeps each customer's exposure (what is open on its invoices), re-assesses the automatic credit hold
/// in the same transaction, and queues the customers whose behaviour changed for risk scoring.
/// (The consumers keep their first names, "...Exposure", because their queues are named after them.)
/// </summary>
public abstract class ExposureConsumer<TMessage>(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger logger)
    : IdempotentConsumer<TMessage, CustomersDbContext>(db, tenant, logger)
    where TMessage : class, IIntegrationEvent
{
    protected abstract IEnumerable<Movement> Movements(TMessage message);

    /// <summary>Customers to score again besides those whose movements say something about how they pay.</summary>
    protected virtual IEnumerable<Guid> AlsoRescore(TMessage message) => [];

    protected override async Task HandleAsync(TMessage message, CancellationToken cancellationToken)
    {
        var movements = Movements(message).ToList();
        await MovementCommands.RecordAsync(Db, message.TenantId, movements, cancellationToken);

        // Issuing says nothing yet about how the customer pays: an overdue invoice is scored when InvoiceBecameOverdue
        // arrives (and by the nightly re-score), which keeps a bulk import from re-scoring its customers batch after batch.
        // Queued before the exposure changes: the scoring job locks queue rows and then customers, and taking them in
        // the same order is what keeps the two from deadlocking.
        var rescore = movements.Where(m => m.Kind != MovementKinds.Issued).Select(m => m.CustomerId).Concat(AlsoRescore(message))
            .Distinct().Order().ToArray();
        await RiskQueue.EnqueueAsync(Db, message.TenantId, rescore, cancellationToken);
        await UpdateExposureAsync(movements, message.TenantId, cancellationToken);
    }

    private async Task UpdateExposureAsync(List<Movement> movements, Guid tenantId, CancellationToken cancellationToken)
    {
        var changes = movements.GroupBy(c => c.CustomerId).Select(g => (Id: g.Key, Change: g.Sum(c => c.Change)))
            .Where(c => c.Change != 0).OrderBy(c => c.Id).ToList();
        if (changes.Count == 0)
        {
            return;
        }

        // Customers this service does not know have no credit profile here and are skipped.
        var updated = await CreditQueries.AddExposureAsync(Db, tenantId, [.. changes.Select(c => c.Id)], [.. changes.Select(c => c.Change)], cancellationToken);
        if (updated.Count == 0)
        {
            return;
        }

        var overdueHoldDays = await CreditHolds.OverdueHoldDaysAsync(Db, cancellationToken);
        foreach (var row in updated.Where(r => CreditHolds.NeedsChange(
            r.OnHold, r.HoldAutomatic, r.HoldReason, CreditHolds.AutomaticReason(r.Exposure, r.CreditLimit, r.OverdueDays, r.OldestOverdueInvoice, overdueHoldDays))))
        {
            var customer = await Db.Customers.SingleAsync(c => c.Id == row.Id, cancellationToken);
            CreditHolds.Reassess(Db, customer, overdueHoldDays, clock);
        }
    }
}

public sealed class InvoiceIssuedExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<InvoiceIssuedExposure> logger)
    : ExposureConsumer<InvoiceIssued>(db, tenant, clock, logger)
{
    protected override IEnumerable<Movement> Movements(InvoiceIssued m) => [Issued(m)];

    internal static Movement Issued(InvoiceIssued m) => new(m.CustomerId, m.InvoiceId, m.Number, m.DueDate, m.InvoiceDate, m.Amount, MovementKinds.Issued);
}

public sealed class InvoicesIssuedExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<InvoicesIssuedExposure> logger)
    : ExposureConsumer<InvoiceBatchIssued>(db, tenant, clock, logger)
{
    protected override IEnumerable<Movement> Movements(InvoiceBatchIssued m) => m.ToInvoices().Select(InvoiceIssuedExposure.Issued);
}

public sealed class PaymentAllocatedExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<PaymentAllocatedExposure> logger)
    : ExposureConsumer<PaymentAllocated>(db, tenant, clock, logger)
{
    protected override IEnumerable<Movement> Movements(PaymentAllocated m) =>
        [new(m.CustomerId, m.InvoiceId, m.InvoiceNumber, m.DueDate, m.EffectiveDate, -m.Settled, MovementKinds.Paid, m.PaymentId,
            Math.Max(0, m.EffectiveDate.DayNumber - m.DueDate.DayNumber))];
}

public sealed class InvoiceSettledBehaviour(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<InvoiceSettledBehaviour> logger)
    : ExposureConsumer<InvoiceSettled>(db, tenant, clock, logger)
{
    protected override IEnumerable<Movement> Movements(InvoiceSettled m) =>
        [new(m.CustomerId, m.InvoiceId, m.Number, m.DueDate, m.SettledOn, 0m, MovementKinds.Settled, DaysLate: Math.Max(0, m.DaysLate))];
}

public sealed class InvoiceOverdueBehaviour(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<InvoiceOverdueBehaviour> logger)
    : ExposureConsumer<InvoiceBecameOverdue>(db, tenant, clock, logger)
{
    protected override IEnumerable<Movement> Movements(InvoiceBecameOverdue m) => [];

    protected override IEnumerable<Guid> AlsoRescore(InvoiceBecameOverdue m) => [m.CustomerId];
}

public sealed class PaymentReversedExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<PaymentReversedExposure> logger)
    : ExposureConsumer<PaymentReversed>(db, tenant, clock, logger)
{
    protected override IEnumerable<Movement> Movements(PaymentReversed m) =>
        m.Invoices.Select(i => new Movement(m.CustomerId, i.InvoiceId, null, i.DueDate, m.ReversedOn, i.Amount, MovementKinds.Reversed, m.PaymentId));

    protected override async Task HandleAsync(PaymentReversed message, CancellationToken cancellationToken)
    {
        // The bounced payment no longer counts as paid, nor do the settlements it made.
        await MovementCommands.MarkReversedAsync(Db, message, cancellationToken);
        await base.HandleAsync(message, cancellationToken);
    }
}

public sealed class CreditNoteExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<CreditNoteExposure> logger)
    : ExposureConsumer<CreditNoteIssued>(db, tenant, clock, logger)
{
    protected override IEnumerable<Movement> Movements(CreditNoteIssued m) => m.InvoiceId is not { } invoice
        ? []
        : [new(m.CustomerId, invoice, m.InvoiceNumber, m.InvoiceDueDate ?? m.Date, m.Date, -m.Amount, MovementKinds.CreditNote)];
}

public sealed class DebitNoteExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<DebitNoteExposure> logger)
    : ExposureConsumer<DebitNoteIssued>(db, tenant, clock, logger)
{
    protected override IEnumerable<Movement> Movements(DebitNoteIssued m) =>
        [new(m.CustomerId, m.InvoiceId, m.InvoiceNumber, m.InvoiceDueDate, m.Date, m.Amount, MovementKinds.DebitNote)];
}

public sealed class WriteOffExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<WriteOffExposure> logger)
    : ExposureConsumer<InvoiceWrittenOff>(db, tenant, clock, logger)
{
    protected override IEnumerable<Movement> Movements(InvoiceWrittenOff m) =>
        [new(m.CustomerId, m.InvoiceId, m.Number, m.DueDate, m.WrittenOffOn, -m.Amount, MovementKinds.WrittenOff)];
}

public sealed class CancellationExposure(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<CancellationExposure> logger)
    : ExposureConsumer<InvoiceCancelled>(db, tenant, clock, logger)
{
    protected override IEnumerable<Movement> Movements(InvoiceCancelled m) =>
        [new(m.CustomerId, m.InvoiceId, m.Number, m.DueDate, m.CancelledOn, -m.Amount, MovementKinds.Cancelled)];
}
