using System.ComponentModel.DataAnnotations;
using ArPlatform.Invoices.Notes;
using ArPlatform.Invoices.Persistence;
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

    private static async Task<IResult> IssueAsync(IssueDebitNoteRequest request, NoteService notes, CancellationToken cancellationToken) =>
        (await notes.IssueDebitAsync(request, cancellationToken)).ToResult(n => TypedResults.Created($"/api/v1/debit-notes/{n.Id}", n));

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
