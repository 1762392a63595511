using ArPlatform.Invoices.Invoices;
using ArPlatform.Invoices.Payments;
using ArPlatform.Invoices.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ArPlatform.Invoices.Ledger;

/// <summary>
/// The one writer of the ledger (ADR 0015). Every change of an open amount (an invoice, a payment and its
/// allocations, an apply, a reversal, a note, a cancellation, a write-off, an import) begins here, by locking the
/// customer's account row, always that row first and, for many customers, in id order. Whatever it then reads of the
/// customer's invoices and payments cannot change underneath it until it commits, so two changes of one customer's
/// open amounts run one after the other, never interleaved. The database keeps the balances from the entries posted
/// and refuses any that would push an open amount below zero or above what is owed.
/// </summary>
public sealed class LedgerWriter(InvoicesDbContext db, TimeProvider clock)
{
    /// <summary>Begins the transaction of a change of <paramref name="customerId"/>'s open amounts and locks the account.</summary>
    public async Task<IDbContextTransaction> BeginAsync(Guid customerId, CancellationToken cancellationToken = default)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAccountsAsync([customerId], cancellationToken);
        return transaction;
    }

    /// <summary>
    /// <see cref="BeginAsync"/>, or, inside a transaction already begun (a consumer's, which holds its inbox row), the
    /// account locked in that one and null returned: whoever began the transaction commits it.
    /// </summary>
    public async Task<IDbContextTransaction?> BeginOrJoinAsync(Guid customerId, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            return await BeginAsync(customerId, cancellationToken);
        }

        await LockAccountsAsync([customerId], cancellationToken);
        return null;
    }

    /// <summary>Locks the accounts of many customers, in id order, within the current transaction (batches and imports).</summary>
    public Task LockAccountsAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken cancellationToken = default) =>
        LedgerQueries.LockAccountsAsync(db, [.. customerIds.Distinct()], cancellationToken);

    /// <summary>
    /// The invoice with its account locked and the transaction begun, read again after the lock so that what it says
    /// (cancelled, what is open) is what later entries build on; null (and no transaction) when there is no such invoice.
    /// </summary>
    public Task<(Invoice Invoice, IDbContextTransaction Transaction)?> BeginForInvoiceAsync(Guid invoiceId, CancellationToken cancellationToken = default) =>
        BeginForAsync(db.Invoices, invoiceId, db.Invoices.Where(i => i.Id == invoiceId).Select(i => (Guid?)i.CustomerId), cancellationToken);

    /// <summary>The payment with its account locked and the transaction begun, read again after the lock; null when there is none.</summary>
    public Task<(Payment Payment, IDbContextTransaction Transaction)?> BeginForPaymentAsync(Guid paymentId, CancellationToken cancellationToken = default) =>
        BeginForAsync(db.Payments, paymentId, db.Payments.Where(p => p.Id == paymentId).Select(p => (Guid?)p.CustomerId), cancellationToken);

    private async Task<(T Row, IDbContextTransaction Transaction)?> BeginForAsync<T>(
        DbSet<T> set, Guid id, IQueryable<Guid?> customerOf, CancellationToken cancellationToken) where T : class
    {
        if (await customerOf.SingleOrDefaultAsync(cancellationToken) is not { } customerId)
        {
            return null;
        }

        var transaction = await BeginAsync(customerId, cancellationToken);
        return (await FreshAsync(set, id, cancellationToken), transaction);
    }

    /// <summary>The row as it is now, under the lock: a copy this context already tracks is read again, not trusted.</summary>
    private static async Task<T> FreshAsync<T>(DbSet<T> set, Guid id, CancellationToken cancellationToken) where T : class
    {
        if (set.Local.FindEntry(id) is { } tracked)
        {
            await tracked.ReloadAsync(cancellationToken);
            return tracked.Entity;
        }

        return await set.FindAsync([id], cancellationToken) ?? throw new InvalidOperationException($"{typeof(T).Name} {id} vanished under its lock.");
    }

    /// <summary>Posts one entry (nothing for a zero amount): positive adds to what the customer owes, negative settles.</summary>
    public void Post(Guid customerId, string kind, decimal amount, DateOnly effective, Guid? invoiceId = null, Guid? paymentId = null, Guid? documentId = null)
    {
        if (amount == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        db.Ledger.Add(new LedgerEntry
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = customerId,
            InvoiceId = invoiceId,
            PaymentId = paymentId,
            DocumentId = documentId,
            Kind = kind,
            Amount = amount,
            EffectiveDate = effective,
            RecordedAt = now,
        });
    }
}
