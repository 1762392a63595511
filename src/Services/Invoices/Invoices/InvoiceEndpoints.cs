using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Invoices.Approvals;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Invoices;

/// <summary>One change of the invoice's open amount: positive adds, negative settles.</summary>
public sealed record InvoiceHistoryEntry(string Kind, decimal Amount, DateOnly EffectiveDate, DateTimeOffset RecordedAt, Guid? PaymentId);

public sealed record InvoiceLineResponse(
    int LineNumber, string Description, string? HsnSac, decimal Quantity, decimal UnitPrice, decimal TaxableValue,
    decimal Cgst, decimal Sgst, decimal Igst, decimal LineTotal);

public sealed record InvoiceResponse(
    Guid Id, string Number, Guid CustomerId, DateOnly InvoiceDate, DateOnly DueDate, decimal Amount, decimal OpenAmount, string Currency,
    string Status, PaymentTerms? Terms, DateTimeOffset CreatedAt, IReadOnlyList<InvoiceHistoryEntry>? History = null,
    string? CustomerCode = null, string? PoReference = null, string? DealerCode = null, string StatutoryForm = StatutoryForms.None,
    ExpectedTds? ExpectedTds = null, decimal? TaxableValue = null, decimal? Cgst = null, decimal? Sgst = null, decimal? Igst = null,
    IReadOnlyList<InvoiceLineResponse>? Lines = null, DateOnly? CancelledOn = null, string? CancellationReason = null, decimal WrittenOff = 0);

public sealed record CancelInvoiceRequest([property: MaxLength(500)] string? Reason, DateOnly? CancelledOn);

public sealed record WriteOffRequest([property: MaxLength(500)] string? Reason, decimal? Amount, DateOnly? WrittenOffOn);

public static class InvoiceEndpoints
{
    public const string Inr = InvoiceDraft.Inr;

    public static void MapInvoiceEndpoints(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup("/api/v1/invoices").WithTags("Invoices");
        invoices.MapPost("/", IssueAsync).RequireTenantScope(Scopes.InvoicesWrite).WithName("IssueInvoice")
            .WithSummary("Issues an invoice for a customer given by customerId or customerCode, as an amount or GST lines.")
            .Produces<InvoiceResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        invoices.MapGet("/{id:guid}", GetAsync).RequireTenantScope(Scopes.InvoicesRead).WithName("GetInvoice");
        invoices.MapGet("/", ListAsync).RequireTenantScope(Scopes.InvoicesRead).WithName("ListInvoices")
            .WithSummary("Lists invoices; filters: customerId, status, dueFrom, dueTo, overdue (true: open and past due today).")
            .Produces<PagedList<InvoiceResponse>>().ProducesValidationProblem();
        invoices.MapPost("/{id:guid}/cancel", CancelAsync).RequireTenantScope(Scopes.InvoicesWrite).RequireTenantScope(Scopes.CreditsApprove).WithName("CancelInvoice")
            .WithSummary("Cancels an invoice, only while nothing has been applied to it; needs credits.approve as well, and records who approved it.")
            .Produces<InvoiceResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        invoices.MapPost("/{id:guid}/write-off", WriteOffAsync).RequireTenantScope(Scopes.InvoicesWrite).RequireTenantScope(Scopes.CreditsApprove).WithName("WriteOffInvoice")
            .WithSummary("Writes off what is open on an invoice (all of it by default, or an amount); needs credits.approve as well, and records who approved it.")
            .Produces<InvoiceResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> IssueAsync(IssueInvoiceRequest request, InvoiceService invoices, CancellationToken cancellationToken) =>
        (await invoices.IssueAsync(request, cancellationToken)).ToResult(i => TypedResults.Created($"/api/v1/invoices/{i.Id}", i));

    private static async Task<Results<Ok<InvoiceResponse>, NotFound>> GetAsync(Guid id, InvoiceService invoices, CancellationToken cancellationToken) =>
        await invoices.GetAsync(id, cancellationToken: cancellationToken) is { } invoice ? TypedResults.Ok(invoice) : TypedResults.NotFound();

    private static async Task<IResult> CancelAsync(Guid id, CancelInvoiceRequest request, InvoiceService invoices, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await invoices.CancelAsync(id, request, user.CreditApproval(), cancellationToken)).ToResult(i => TypedResults.Ok(i));

    private static async Task<IResult> WriteOffAsync(Guid id, WriteOffRequest request, InvoiceService invoices, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await invoices.WriteOffAsync(id, request, user.CreditApproval(), cancellationToken)).ToResult(i => TypedResults.Ok(i));

    private static async Task<IResult> ListAsync(
        InvoicesDbContext db, TimeProvider clock, int? page, int? pageSize, Guid? customerId, string? status, DateOnly? dueFrom, DateOnly? dueTo, bool? overdue)
    {
        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        if (status is not null && !InvoiceStatuses.All.Contains(status))
        {
            return new Validation().Add("status", $"must be one of {string.Join(", ", InvoiceStatuses.All)}.").Problem();
        }

        var query = db.Invoices.AsNoTracking();
        if (customerId is { } customer)
        {
            query = query.Where(i => i.CustomerId == customer);
        }

        if (status is not null)
        {
            query = query.Where(i => i.Status == status);
        }

        if (dueFrom is { } from)
        {
            query = query.Where(i => i.DueDate >= from);
        }

        if (dueTo is { } to)
        {
            query = query.Where(i => i.DueDate <= to);
        }

        if (overdue is { } isOverdue)
        {
            var today = BusinessDate.Today(clock);
            query = isOverdue
                ? query.Where(i => i.OpenAmount > 0 && i.DueDate < today)
                : query.Where(i => i.OpenAmount <= 0 || i.DueDate >= today);
        }

        return TypedResults.Ok(await QueryPages.PageAsync(query.OrderBy(i => i.InvoiceDate).ThenBy(i => i.Number), page, pageSize, InvoiceResponses.Projection));
    }
}

/// <summary>How an invoice reads in the API.</summary>
public static class InvoiceResponses
{
    public static readonly System.Linq.Expressions.Expression<Func<Invoice, InvoiceResponse>> Projection = i => Of(i);

    public static InvoiceResponse Of(Invoice i) =>
        new(i.Id, i.Number, i.CustomerId, i.InvoiceDate, i.DueDate, i.Amount, i.OpenAmount, i.Currency, i.Status,
            i.NetDays is null && i.DiscountPercent is null ? null : new PaymentTerms(i.NetDays, i.DiscountPercent, i.DiscountDays), i.CreatedAt,
            null, i.CustomerCode, i.PoReference, i.DealerCode, i.StatutoryForm,
            i.ExpectedTdsRate is null ? null : new ExpectedTds(i.ExpectedTdsSection, i.ExpectedTdsRate, i.ExpectedTdsAmount),
            i.TaxableValue, i.Cgst, i.Sgst, i.Igst, null, i.CancelledOn, i.CancellationReason, i.WrittenOff);

    public static List<InvoiceLineResponse>? LinesOf(Invoice i) => i.Lines.Count == 0 ? null :
        [.. i.Lines.OrderBy(l => l.LineNumber).Select(l => new InvoiceLineResponse(
            l.LineNumber, l.Description, l.HsnSac, l.Quantity, l.UnitPrice, l.TaxableValue, l.Cgst, l.Sgst, l.Igst, l.LineTotal))];
}
