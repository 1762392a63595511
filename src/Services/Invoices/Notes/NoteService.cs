using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Approvals;
using ArPlatform.Invoices.CreditNotes;
using ArPlatform.Invoices.Customers;
using ArPlatform.Invoices.DebitNotes;
using ArPlatform.Invoices.Invoices;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Notes;

/// <summary>
/// Credit and debit notes, issued by one rule: a numbered document of an amount on a date, against an invoice of the
/// customer (a credit note may also stand on account), through the <see cref="LedgerWriter"/>. A credit note settles
/// at most what is open; a debit note adds to an invoice that is not cancelled.
/// </summary>
public sealed class NoteService(InvoicesDbContext db, LedgerWriter ledger, CustomerDirectory customers, TimeProvider clock)
{
    private sealed record NoteRequest(
        string Kind, string? Number, Guid? CustomerId, string? CustomerCode, DateOnly? Date, decimal? Amount, string? InvoiceNumber, bool InvoiceRequired);

    private sealed record IssuedNote(Guid Id, string Number, Guid CustomerId, DateOnly Date, decimal Amount, Invoice? Invoice);

    /// <summary>Issues a credit note that <paramref name="approval"/> approved, recorded with it (and the dispute it resolves, if any).</summary>
    public async Task<Outcome<CreditNoteResponse>> IssueCreditAsync(
        IssueCreditNoteRequest request, CreditApproval approval, CancellationToken cancellationToken = default, Guid? disputeId = null)
    {
        var outcome = await IssueAsync(new NoteRequest(LedgerKinds.CreditNote, request.Number, request.CustomerId, request.CustomerCode, request.Date,
            request.Amount, request.InvoiceNumber, InvoiceRequired: false), new Validation(), (issued, now) =>
            {
                db.CreditNotes.Add(new CreditNote
                {
                    Id = issued.Id,
                    Number = issued.Number,
                    CustomerId = issued.CustomerId,
                    Date = issued.Date,
                    Amount = issued.Amount,
                    InvoiceId = issued.Invoice?.Id,
                    CreatedAt = now,
                });
                NonCashApprovals.Record(db, LedgerKinds.CreditNote, issued.CustomerId, issued.Invoice?.Id, issued.Number, issued.Amount, approval, now,
                    disputeId: disputeId);
                db.AddToOutbox(new CreditNoteIssued(db.Tenant.RequiredTenantId, issued.Id, issued.Number, issued.CustomerId, issued.Date, issued.Amount,
                    issued.Invoice?.Id, issued.Invoice?.Number, issued.Invoice?.DueDate), clock);
                if (issued.Invoice is { } invoice && invoice.OpenAmount == issued.Amount)
                {
                    db.AddToOutbox(invoice.Settled(issued.Date), clock);
                }
            }, cancellationToken);
        return outcome.Succeeded
            ? Outcome<CreditNoteResponse>.Ok(new CreditNoteResponse(outcome.Value!.Id, outcome.Value.Number, outcome.Value.CustomerId, outcome.Value.Date,
                outcome.Value.Amount, outcome.Value.Invoice?.Id, outcome.Value.Invoice?.Number))
            : outcome.As<CreditNoteResponse>();
    }

    public async Task<Outcome<DebitNoteResponse>> IssueDebitAsync(IssueDebitNoteRequest request, CancellationToken cancellationToken = default)
    {
        var validation = new Validation().When(request.Reason is { Length: > 500 }, "reason", "must be at most 500 characters.");
        var outcome = await IssueAsync(new NoteRequest(LedgerKinds.DebitNote, request.Number, request.CustomerId, request.CustomerCode, request.Date,
            request.Amount, request.InvoiceNumber, InvoiceRequired: true), validation, (issued, now) =>
            {
                db.DebitNotes.Add(new DebitNote
                {
                    Id = issued.Id,
                    Number = issued.Number,
                    CustomerId = issued.CustomerId,
                    Date = issued.Date,
                    Amount = issued.Amount,
                    InvoiceId = issued.Invoice!.Id,
                    Reason = request.Reason?.Trim(),
                    CreatedAt = now,
                });
                db.AddToOutbox(new DebitNoteIssued(db.Tenant.RequiredTenantId, issued.Id, issued.Number, issued.CustomerId, issued.Date, issued.Amount,
                    issued.Invoice.Id, issued.Invoice.Number, issued.Invoice.DueDate), clock);
            }, cancellationToken);
        return outcome.Succeeded
            ? Outcome<DebitNoteResponse>.Ok(new DebitNoteResponse(outcome.Value!.Id, outcome.Value.Number, outcome.Value.CustomerId, outcome.Value.Date,
                outcome.Value.Amount, outcome.Value.Invoice!.Id, outcome.Value.Invoice.Number, request.Reason?.Trim()))
            : outcome.As<DebitNoteResponse>();
    }

    private async Task<Outcome<IssuedNote>> IssueAsync(
        NoteRequest request, Validation validation, Action<IssuedNote, DateTimeOffset> record, CancellationToken cancellationToken)
    {
        var reference = new CustomerReference(request.CustomerId is { } id && id != Guid.Empty ? id : null, request.CustomerCode);
        validation
            .Required("number", request.Number, maxLength: 50)
            .When(!reference.IsGiven, "customerId", "is required (or customerCode).")
            .When(request.CustomerCode is { Length: > 50 }, "customerCode", "must be at most 50 characters.")
            .Required("date", request.Date)
            .BusinessDate("date", request.Date, BusinessDate.Today(clock))
            .Required("amount", request.Amount)
            .When(request.Amount is <= 0, "amount", "must be greater than zero.")
            .When(request.Amount is { } a && decimal.Round(a, 2) != a, "amount", "must have at most two decimal places (paise).")
            .When(request.Amount >= InvoiceDraft.MaxAmount, "amount", "is too large.")
            .When(request.InvoiceNumber is { Length: > 50 }, "invoiceNumber", "must be at most 50 characters.");
        if (request.InvoiceRequired)
        {
            validation.Required("invoiceNumber", request.InvoiceNumber, maxLength: 50);
        }

        if (!validation.IsValid)
        {
            return Outcome<IssuedNote>.Invalid(validation);
        }

        var (resolution, customer) = await customers.ResolveAsync(reference, cancellationToken);
        if (InvoiceService.CustomerProblem<IssuedNote>(resolution, reference, request.CustomerId is null ? "customerCode" : "customerId") is { } problem)
        {
            return problem;
        }

        var number = request.Number!.Trim();
        await using var transaction = await ledger.BeginOrJoinAsync(customer!.Id, cancellationToken);
        if (await NoteQueries.NumberTakenAsync(db, request.Kind, number, cancellationToken))
        {
            return NumberTaken(request.Kind, number);
        }

        Invoice? invoice = null;
        if (!string.IsNullOrWhiteSpace(request.InvoiceNumber))
        {
            var invoiceNumber = request.InvoiceNumber.Trim();
            invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Number == invoiceNumber, cancellationToken);
            if (invoice is null || invoice.CustomerId != customer.Id)
            {
                return Outcome<IssuedNote>.Invalid("invoiceNumber", $"'{request.InvoiceNumber}' is not an invoice of this customer.");
            }

            if (request.Date < invoice.InvoiceDate)
            {
                return Outcome<IssuedNote>.Invalid("date", $"must not be before the invoice date, {invoice.InvoiceDate:yyyy-MM-dd}.");
            }

            if (invoice.CancelledOn is not null)
            {
                return Outcome<IssuedNote>.Invalid("invoiceNumber", $"{invoice.Number} is cancelled: issue a new invoice instead.");
            }

            if (request.Kind == LedgerKinds.CreditNote && request.Amount > invoice.OpenAmount)
            {
                return Outcome<IssuedNote>.Invalid("amount", $"is more than the {invoice.OpenAmount:0.00} open on {invoice.Number}; credit the rest on account.");
            }
        }

        var now = clock.GetUtcNow();
        var issued = new IssuedNote(Guid.CreateVersion7(now), number, customer.Id, request.Date!.Value, request.Amount!.Value, invoice);
        record(issued, now);
        var signed = request.Kind == LedgerKinds.DebitNote ? issued.Amount : -issued.Amount;
        ledger.Post(customer.Id, request.Kind, signed, issued.Date, invoice?.Id, documentId: issued.Id);
        // In a joined transaction the failed insert leaves the transaction aborted, which only its owner can roll back (and
        // retry): there the unique violation is thrown on.
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation() && transaction is not null)
        {
            return NumberTaken(request.Kind, number);
        }

        return Outcome<IssuedNote>.Ok(issued);
    }

    private static Outcome<IssuedNote> NumberTaken(string kind, string number)
    {
        var name = kind == LedgerKinds.DebitNote ? "debit note" : "credit note";
        return Outcome<IssuedNote>.Conflict($"The {name} number is taken.", $"A {name} numbered '{number}' already exists in this tenant.");
    }
}

/// <summary>Lookups of notes by number, per kind.</summary>
public static class NoteQueries
{
    public static Task<bool> NumberTakenAsync(InvoicesDbContext db, string kind, string number, CancellationToken cancellationToken) =>
        kind == LedgerKinds.DebitNote
            ? db.DebitNotes.AnyAsync(d => d.Number == number, cancellationToken)
            : db.CreditNotes.AnyAsync(c => c.Number == number, cancellationToken);
}
