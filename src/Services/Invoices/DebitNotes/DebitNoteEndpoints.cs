using System.ComponentModel.DataAnnotations;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Customers;
using ArPlatform.Invoices.Invoices;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.DebitNotes;

public sealed record IssueDebitNoteRequest(
    [property: MaxLength(50)] string? Number, Guid? CustomerId, DateOnly? Date, decimal? Amount, [property: MaxLength(50)] string? InvoiceNumber, [property: MaxLength(50)] string? CustomerCode = null,
    [property: MaxLength(500)] string? Reason = null);

public sealed record DebitNoteResponse(Guid Id, string Number, Guid CustomerId, DateOnly Date, decimal Amount, Guid InvoiceId, string InvoiceNumber, string? Reason);

public static class DebitNoteEndpoints
{
    public static void MapDebitNoteEndpoints(this IEndpointRouteBuilder app)
    {
        var notes = app.MapGroup("/api/v1/debit-notes").WithTags("Debit notes");
        notes.MapPost("/", IssueAsync).RequireTenantScope(Scopes.InvoicesWrite).WithName("IssueDebitNote")
            .WithSummary("Issues a debit note against an invoice, adding to what is open on it.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        notes.MapGet("/{id:guid}", GetAsync).RequireTenantScope(Scopes.InvoicesRead).WithName("GetDebitNote");
    }

    private static async Task<IResult> IssueAsync(IssueDebitNoteRequest request, InvoicesDbContext db, CustomerDirectory customers, TimeProvider clock)
    {
        var reference = new CustomerReference(request.CustomerId is { } id && id != Guid.Empty ? id : null, request.CustomerCode);
        var validation = new Validation()
            .Required("number", request.Number, maxLength: 50)
            .When(!reference.IsGiven, "customerId", "is required (or customerCode).")
            .Required("date", request.Date)
            .Required("amount", request.Amount)
            .Required("invoiceNumber", request.InvoiceNumber, maxLength: 50)
            .When(request.Amount is <= 0, "amount", "must be greater than zero.")
            .When(request.Amount is { } a && decimal.Round(a, 2) != a, "amount", "must have at most two decimal places (paise).")
            .When(request.Date > BusinessDate.Today(clock), "date", "must not be in the future.")
            .When(request.Reason is { Length: > 500 }, "reason", "must be at most 500 characters.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var (resolution, customer) = await customers.ResolveAsync(reference);
        if (InvoiceEndpoints.CustomerProblem(resolution, reference, request.CustomerId is null ? "customerCode" : "customerId") is { } problem)
        {
            return problem;
        }

        var number = request.Number!.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.DebitNotes.AnyAsync(d => d.Number == number))
        {
            return NumberTaken(number);
        }

        var invoiceId = await db.Invoices.Where(i => i.Number == request.InvoiceNumber!.Trim()).Select(i => (Guid?)i.Id).SingleOrDefaultAsync();
        var invoice = invoiceId is { } found ? await InvoiceEndpoints.LockAsync(db, found) : null;
        if (invoice is null || invoice.CustomerId != customer!.Id)
        {
            return new Validation().Add("invoiceNumber", $"'{request.InvoiceNumber}' is not an invoice of this customer.").Problem();
        }

        if (invoice.CancelledOn is not null)
        {
            return new Validation().Add("invoiceNumber", $"{invoice.Number} is cancelled: issue a new invoice instead.").Problem();
        }

        var now = clock.GetUtcNow();
        var note = new DebitNote
        {
            Id = Guid.CreateVersion7(now),
            Number = number,
            CustomerId = invoice.CustomerId,
            Date = request.Date!.Value,
            Amount = request.Amount!.Value,
            InvoiceId = invoice.Id,
            Reason = request.Reason?.Trim(),
            CreatedAt = now,
        };
        var effective = invoice.EffectiveFrom(note.Date);
        db.DebitNotes.Add(note);
        var entry = InvoiceEndpoints.Entry(invoice, LedgerKinds.DebitNote, note.Amount, effective, now);
        entry.DocumentId = note.Id;
        db.Ledger.Add(entry);
        db.AddToOutbox(new DebitNoteIssued(db.Tenant.RequiredTenantId, note.Id, note.Number, note.CustomerId, effective, note.Amount,
            invoice.Id, invoice.Number, invoice.DueDate), clock);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return NumberTaken(number);
        }

        await transaction.CommitAsync();
        return TypedResults.Created($"/api/v1/debit-notes/{note.Id}", ToResponse(note, invoice.Number));
    }

    private static ProblemHttpResult NumberTaken(string number) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "The debit note number is taken.",
        detail: $"A debit note numbered '{number}' already exists in this tenant.");

    private static async Task<Results<Ok<DebitNoteResponse>, NotFound>> GetAsync(Guid id, InvoicesDbContext db)
    {
        if (await db.DebitNotes.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id) is not { } note)
        {
            return TypedResults.NotFound();
        }

        var invoiceNumber = await db.Invoices.AsNoTracking().Where(i => i.Id == note.InvoiceId).Select(i => i.Number).SingleAsync();
        return TypedResults.Ok(ToResponse(note, invoiceNumber));
    }

    private static DebitNoteResponse ToResponse(DebitNote d, string invoiceNumber) =>
        new(d.Id, d.Number, d.CustomerId, d.Date, d.Amount, d.InvoiceId, invoiceNumber, d.Reason);
}
