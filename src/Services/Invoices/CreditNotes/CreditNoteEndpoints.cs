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

namespace ArPlatform.Invoices.CreditNotes;

public sealed record IssueCreditNoteRequest(
    [property: MaxLength(50)] string? Number, Guid? CustomerId, DateOnly? Date, decimal? Amount, [property: MaxLength(50)] string? InvoiceNumber, [property: MaxLength(50)] string? CustomerCode = null);

public sealed record CreditNoteResponse(Guid Id, string Number, Guid CustomerId, DateOnly Date, decimal Amount, Guid? InvoiceId, string? InvoiceNumber);

public static class CreditNoteEndpoints
{
    public static void MapCreditNoteEndpoints(this IEndpointRouteBuilder app)
    {
        var notes = app.MapGroup("/api/v1/credit-notes").WithTags("Credit notes");
        notes.MapPost("/", IssueAsync).RequireTenantScope(Scopes.InvoicesWrite).WithName("IssueCreditNote")
            .WithSummary("Issues a credit note against an invoice (reducing what is open on it) or on account.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        notes.MapGet("/{id:guid}", GetAsync).RequireTenantScope(Scopes.InvoicesRead).WithName("GetCreditNote");
    }

    private static async Task<IResult> IssueAsync(IssueCreditNoteRequest request, InvoicesDbContext db, CustomerDirectory customers, TimeProvider clock)
    {
        var reference = new CustomerReference(request.CustomerId is { } id && id != Guid.Empty ? id : null, request.CustomerCode);
        var validation = new Validation()
            .Required("number", request.Number, maxLength: 50)
            .When(!reference.IsGiven, "customerId", "is required (or customerCode).")
            .Required("date", request.Date)
            .Required("amount", request.Amount)
            .When(request.Amount is <= 0, "amount", "must be greater than zero.")
            .When(request.Amount is { } a && decimal.Round(a, 2) != a, "amount", "must have at most two decimal places (paise).")
            .When(request.Date > BusinessDate.Today(clock), "date", "must not be in the future.")
            .When(request.InvoiceNumber is { Length: > 50 }, "invoiceNumber", "must be at most 50 characters.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var (resolution, customer) = await customers.ResolveAsync(reference);
        if (InvoiceEndpoints.CustomerProblem(resolution, reference, request.CustomerId is null ? "customerCode" : "customerId") is { } problem)
        {
            return problem;
        }

        var customerId = customer!.Id;
        var tenant = db.Tenant.RequiredTenantId;
        var number = request.Number!.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.CreditNotes.AnyAsync(c => c.Number == number))
        {
            return NumberTaken(number);
        }

        Invoice? invoice = null;
        if (!string.IsNullOrWhiteSpace(request.InvoiceNumber))
        {
            invoice = await db.Invoices.FromSql($"SELECT * FROM invoices WHERE tenant_id = {tenant} AND number = {request.InvoiceNumber.Trim()} FOR UPDATE")
                .IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync();
            if (invoice is null || invoice.CustomerId != customerId)
            {
                return new Validation().Add("invoiceNumber", $"'{request.InvoiceNumber}' is not an invoice of this customer.").Problem();
            }

            var open = await db.Ledger.Where(l => l.InvoiceId == invoice.Id).SumAsync(l => l.Amount);
            if (request.Amount > open)
            {
                return new Validation().Add("amount", $"is more than the {open:0.00} open on {invoice.Number}; credit the rest on account.").Problem();
            }
        }

        var now = clock.GetUtcNow();
        var note = new CreditNote
        {
            Id = Guid.CreateVersion7(now),
            Number = number,
            CustomerId = customerId,
            Date = request.Date!.Value,
            Amount = request.Amount!.Value,
            InvoiceId = invoice?.Id,
            CreatedAt = now,
        };
        db.CreditNotes.Add(note);
        var effective = invoice?.EffectiveFrom(note.Date) ?? note.Date;
        db.Ledger.Add(new LedgerEntry
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = note.CustomerId,
            InvoiceId = invoice?.Id,
            DocumentId = note.Id,
            Kind = LedgerKinds.CreditNote,
            Amount = -note.Amount,
            EffectiveDate = effective,
            RecordedAt = now,
        });
        db.AddToOutbox(new CreditNoteIssued(tenant, note.Id, note.Number, note.CustomerId, effective, note.Amount, invoice?.Id, invoice?.Number, invoice?.DueDate), clock);
        if (invoice is not null && await db.Ledger.Where(l => l.InvoiceId == invoice.Id).SumAsync(l => l.Amount) == note.Amount)
        {
            db.AddToOutbox(invoice.Settled(effective), clock);
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return NumberTaken(number);
        }

        await transaction.CommitAsync();
        return TypedResults.Created($"/api/v1/credit-notes/{note.Id}", ToResponse(note, invoice?.Number));
    }

    private static ProblemHttpResult NumberTaken(string number) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "The credit note number is taken.",
        detail: $"A credit note numbered '{number}' already exists in this tenant.");

    private static async Task<Results<Ok<CreditNoteResponse>, NotFound>> GetAsync(Guid id, InvoicesDbContext db)
    {
        if (await db.CreditNotes.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id) is not { } note)
        {
            return TypedResults.NotFound();
        }

        var invoiceNumber = note.InvoiceId is { } invoiceId
            ? await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => i.Number).SingleAsync()
            : null;
        return TypedResults.Ok(ToResponse(note, invoiceNumber));
    }

    private static CreditNoteResponse ToResponse(CreditNote c, string? invoiceNumber) =>
        new(c.Id, c.Number, c.CustomerId, c.Date, c.Amount, c.InvoiceId, invoiceNumber);
}
