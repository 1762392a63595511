using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ArPlatform.Invoices.Approvals;
using ArPlatform.Invoices.Notes;
using ArPlatform.Invoices.Persistence;
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
        notes.MapPost("/", IssueAsync).RequireTenantScope(Scopes.InvoicesWrite).RequireTenantScope(Scopes.CreditsApprove).WithName("IssueCreditNote")
            .WithSummary("Issues a credit note against an invoice (reducing what is open on it) or on account; needs credits.approve as well, and records who approved it.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        notes.MapGet("/{id:guid}", GetAsync).RequireTenantScope(Scopes.InvoicesRead).WithName("GetCreditNote");
    }

    private static async Task<IResult> IssueAsync(IssueCreditNoteRequest request, NoteService notes, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await notes.IssueCreditAsync(request, user.CreditApproval(), cancellationToken)).ToResult(n => TypedResults.Created($"/api/v1/credit-notes/{n.Id}", n));

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
