using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Approvals;
using ArPlatform.Invoices.Customers;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Invoices;

/// <summary>The invoice use cases (issue, cancel, write off, read), each through the <see cref="LedgerWriter"/>.</summary>
public sealed class InvoiceService(InvoicesDbContext db, LedgerWriter ledger, CustomerDirectory customers, TimeProvider clock)
{
    public async Task<Outcome<InvoiceResponse>> IssueAsync(IssueInvoiceRequest request, CancellationToken cancellationToken = default)
    {
        var validation = InvoiceDraft.Validate(request, BusinessDate.Today(clock));
        if (!validation.IsValid)
        {
            return Outcome<InvoiceResponse>.Invalid(validation);
        }

        var (resolution, customer) = await customers.ResolveAsync(request.Customer, cancellationToken);
        if (CustomerProblem<InvoiceResponse>(resolution, request.Customer, request.CustomerId is null ? "customerCode" : "customerId") is { } problem)
        {
            return problem;
        }

        if (InvoiceDraft.DueDate(request, customer!) is null)
        {
            return Outcome<InvoiceResponse>.Invalid("dueDate", "is required: give dueDate or terms.netDays (the customer has no default terms).");
        }

        var number = request.Number!.Trim();
        await using var transaction = await ledger.BeginAsync(customer!.Id, cancellationToken);
        if (await db.Invoices.AnyAsync(i => i.Number == number, cancellationToken))
        {
            return NumberTaken(number);
        }

        var (invoice, entry) = InvoiceDraft.Build(request, customer, db.Tenant.RequiredTenantId, clock.GetUtcNow());
        db.Invoices.Add(invoice);
        db.Ledger.Add(entry);
        db.AddToOutbox(invoice.Issued(), clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return NumberTaken(number);
        }

        return Outcome<InvoiceResponse>.Ok(InvoiceResponses.Of(invoice) with { Lines = InvoiceResponses.LinesOf(invoice) });
    }

    public async Task<Outcome<InvoiceResponse>> CancelAsync(Guid id, CancelInvoiceRequest request, CreditApproval approval, CancellationToken cancellationToken = default)
    {
        var today = BusinessDate.Today(clock);
        var validation = new Validation()
            .Required("reason", request.Reason, maxLength: 500)
            .BusinessDate("cancelledOn", request.CancelledOn, today);
        if (!validation.IsValid)
        {
            return Outcome<InvoiceResponse>.Invalid(validation);
        }

        if (await ledger.BeginForInvoiceAsync(id, cancellationToken) is not ({ } invoice, { } transaction))
        {
            return Outcome<InvoiceResponse>.NotFound();
        }

        await using (transaction)
        {
            var on = request.CancelledOn ?? today;
            if (on < invoice.InvoiceDate)
            {
                return Outcome<InvoiceResponse>.Invalid("cancelledOn", $"must not be before the invoice date, {invoice.InvoiceDate:yyyy-MM-dd}.");
            }

            if (invoice.CancelledOn is not null)
            {
                return Outcome<InvoiceResponse>.Conflict("The invoice is already cancelled.",
                    $"Invoice {invoice.Number} was cancelled on {invoice.CancelledOn:yyyy-MM-dd}.");
            }

            if (await db.Ledger.AnyAsync(l => l.InvoiceId == id && l.Kind != LedgerKinds.Invoice, cancellationToken))
            {
                return Outcome<InvoiceResponse>.Conflict("The invoice has money applied to it.",
                    $"Invoice {invoice.Number} has payment, note or write-off entries: reverse the payments or issue a credit note instead.");
            }

            // The entry first, then the mark: the database checks that a cancelled invoice has nothing open.
            ledger.Post(invoice.CustomerId, LedgerKinds.Cancellation, -invoice.Amount, on, invoice.Id);
            NonCashApprovals.Record(db, LedgerKinds.Cancellation, invoice.CustomerId, invoice.Id, invoice.Number, invoice.Amount, approval, clock.GetUtcNow(),
                request.Reason!.Trim());
            await db.SaveChangesAsync(cancellationToken);
            invoice.CancelledOn = on;
            invoice.CancellationReason = request.Reason!.Trim();
            db.AddToOutbox(new InvoiceCancelled(invoice.TenantId, invoice.Id, invoice.Number, invoice.CustomerId, invoice.DueDate, invoice.Amount,
                on, invoice.CancellationReason), clock);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return Outcome<InvoiceResponse>.Ok(await GetAsync(id, withHistory: false, cancellationToken) ?? throw new InvalidOperationException("The invoice vanished."));
    }

    public async Task<Outcome<InvoiceResponse>> WriteOffAsync(Guid id, WriteOffRequest request, CreditApproval approval, CancellationToken cancellationToken = default)
    {
        var today = BusinessDate.Today(clock);
        var validation = new Validation()
            .Required("reason", request.Reason, maxLength: 500)
            .BusinessDate("writtenOffOn", request.WrittenOffOn, today)
            .When(request.Amount is <= 0 || request.Amount is { } a && decimal.Round(a, 2) != a, "amount", "must be greater than zero with at most two decimal places.");
        if (!validation.IsValid)
        {
            return Outcome<InvoiceResponse>.Invalid(validation);
        }

        if (await ledger.BeginForInvoiceAsync(id, cancellationToken) is not ({ } invoice, { } transaction))
        {
            return Outcome<InvoiceResponse>.NotFound();
        }

        await using (transaction)
        {
            var on = request.WrittenOffOn ?? today;
            if (on < invoice.InvoiceDate)
            {
                return Outcome<InvoiceResponse>.Invalid("writtenOffOn", $"must not be before the invoice date, {invoice.InvoiceDate:yyyy-MM-dd}.");
            }

            if (invoice.CancelledOn is not null || invoice.OpenAmount <= 0)
            {
                return Outcome<InvoiceResponse>.Conflict("Nothing is open on the invoice.",
                    $"Invoice {invoice.Number} is {(invoice.CancelledOn is null ? "settled" : "cancelled")}.");
            }

            var amount = request.Amount ?? invoice.OpenAmount;
            if (amount > invoice.OpenAmount)
            {
                return Outcome<InvoiceResponse>.Invalid("amount", $"is more than the {invoice.OpenAmount:0.00} open on {invoice.Number}.");
            }

            ledger.Post(invoice.CustomerId, LedgerKinds.WriteOff, -amount, on, invoice.Id);
            NonCashApprovals.Record(db, LedgerKinds.WriteOff, invoice.CustomerId, invoice.Id, invoice.Number, amount, approval, clock.GetUtcNow(), request.Reason!.Trim());
            db.AddToOutbox(new InvoiceWrittenOff(invoice.TenantId, invoice.Id, invoice.Number, invoice.CustomerId, invoice.DueDate, amount, on,
                request.Reason!.Trim()), clock);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return Outcome<InvoiceResponse>.Ok(await GetAsync(id, withHistory: false, cancellationToken) ?? throw new InvalidOperationException("The invoice vanished."));
    }

    public async Task<InvoiceResponse?> GetAsync(Guid id, bool withHistory = true, CancellationToken cancellationToken = default)
    {
        if (await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } invoice)
        {
            return null;
        }

        var history = !withHistory ? null : await db.Ledger.AsNoTracking().Where(l => l.InvoiceId == id)
            .OrderBy(l => l.EffectiveDate).ThenBy(l => l.RecordedAt)
            .Select(l => new InvoiceHistoryEntry(l.Kind, l.Amount, l.EffectiveDate, l.RecordedAt, l.PaymentId))
            .ToListAsync(cancellationToken);
        return InvoiceResponses.Of(invoice) with { History = history, Lines = InvoiceResponses.LinesOf(invoice) };
    }

    /// <summary>An unknown customer names the field (400); a Customers service that could not be asked is a 503 to retry.</summary>
    public static Outcome<T>? CustomerProblem<T>(Resolution resolution, CustomerReference reference, string field) => resolution switch
    {
        Resolution.Found => null,
        Resolution.Unknown => Outcome<T>.Invalid(field, reference.UnknownMessage),
        _ => Outcome<T>.Unavailable("The customer could not be checked.", reference.UnavailableMessage),
    };

    private static Outcome<InvoiceResponse> NumberTaken(string number) =>
        Outcome<InvoiceResponse>.Conflict("The invoice number is taken.", $"An invoice numbered '{number}' already exists in this tenant.");
}
