using System.ComponentModel.DataAnnotations;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Customers;
using ArPlatform.Invoices.Ledger;
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
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        invoices.MapGet("/{id:guid}", GetAsync).RequireTenantScope(Scopes.InvoicesRead).WithName("GetInvoice");
        invoices.MapGet("/", ListAsync).RequireTenantScope(Scopes.InvoicesRead).WithName("ListInvoices")
            .WithSummary("Lists invoices; filters: customerId, status, dueFrom, dueTo, overdue (true: open and past due today).");
        invoices.MapPost("/{id:guid}/cancel", CancelAsync).RequireTenantScope(Scopes.InvoicesWrite).WithName("CancelInvoice")
            .WithSummary("Cancels an invoice, only while nothing has been applied to it.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        invoices.MapPost("/{id:guid}/write-off", WriteOffAsync).RequireTenantScope(Scopes.InvoicesWrite).WithName("WriteOffInvoice")
            .WithSummary("Writes off what is open on an invoice (all of it by default, or an amount).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static Validation Validate(IssueInvoiceRequest request) => InvoiceDraft.Validate(request);

    private static async Task<IResult> IssueAsync(IssueInvoiceRequest request, InvoicesDbContext db, CustomerDirectory customers, TimeProvider clock)
    {
        var validation = Validate(request);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var (resolution, customer) = await customers.ResolveAsync(request.Customer);
        if (CustomerProblem(resolution, request.Customer, request.CustomerId is null ? "customerCode" : "customerId") is { } customerProblem)
        {
            return customerProblem;
        }

        if (InvoiceDraft.DueDate(request, customer!) is null)
        {
            return new Validation().Add("dueDate", "is required: give dueDate or terms.netDays (the customer has no default terms).").Problem();
        }

        var number = request.Number!.Trim();
        if (await db.Invoices.AnyAsync(i => i.Number == number))
        {
            return NumberTaken(number);
        }

        var (invoice, entry) = InvoiceDraft.Build(request, customer!, db.Tenant.RequiredTenantId, clock.GetUtcNow());
        db.Invoices.Add(invoice);
        db.Ledger.Add(entry);
        db.AddToOutbox(invoice.Issued(), clock);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return NumberTaken(number);
        }

        return TypedResults.Created($"/api/v1/invoices/{invoice.Id}", ToResponse(invoice, invoice.Amount, 0m) with { Lines = LinesOf(invoice) });
    }

    /// <summary>400 naming the field for an unknown customer, 503 when the Customers service could not be asked.</summary>
    public static IResult? CustomerProblem(Resolution resolution, CustomerReference reference, string field) => resolution switch
    {
        Resolution.Found => null,
        Resolution.Unknown => new Validation().Add(field, reference.UnknownMessage).Problem(),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The customer could not be checked.",
            detail: reference.UnavailableMessage),
    };

    private static ProblemHttpResult NumberTaken(string number) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "The invoice number is taken.",
        detail: $"An invoice numbered '{number}' already exists in this tenant.");

    private static async Task<Results<Ok<InvoiceResponse>, NotFound>> GetAsync(Guid id, InvoicesDbContext db)
    {
        if (await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id) is not { } invoice)
        {
            return TypedResults.NotFound();
        }

        var history = await db.Ledger.AsNoTracking().Where(l => l.InvoiceId == id)
            .OrderBy(l => l.EffectiveDate).ThenBy(l => l.RecordedAt)
            .Select(l => new InvoiceHistoryEntry(l.Kind, l.Amount, l.EffectiveDate, l.RecordedAt, l.PaymentId))
            .ToListAsync();
        var writtenOff = -history.Where(h => h.Kind == LedgerKinds.WriteOff).Sum(h => h.Amount);
        return TypedResults.Ok(ToResponse(invoice, history.Sum(h => h.Amount), writtenOff) with { History = history, Lines = LinesOf(invoice) });
    }

    // Member-initialised (not positional) so that EF can filter on its members after the projection.
    private sealed class InvoiceBalance
    {
        public required Invoice Invoice { get; init; }

        public decimal Open { get; init; }

        public decimal WrittenOff { get; init; }
    }

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

        var balances = db.Ledger.Where(l => l.InvoiceId != null).GroupBy(l => l.InvoiceId!.Value).Select(g => new
        {
            InvoiceId = g.Key,
            Open = g.Sum(l => l.Amount),
            WrittenOff = g.Sum(l => l.Kind == LedgerKinds.WriteOff ? -l.Amount : 0m),
        });
        var query = from i in db.Invoices.AsNoTracking()
                    join b in balances on i.Id equals b.InvoiceId
                    select new InvoiceBalance { Invoice = i, Open = b.Open, WrittenOff = b.WrittenOff };
        if (customerId is { } customer)
        {
            query = query.Where(x => x.Invoice.CustomerId == customer);
        }

        query = status switch
        {
            InvoiceStatuses.Cancelled => query.Where(x => x.Invoice.CancelledOn != null),
            InvoiceStatuses.Paid => query.Where(x => x.Invoice.CancelledOn == null && x.Open <= 0 && x.WrittenOff == 0),
            InvoiceStatuses.WrittenOff => query.Where(x => x.Invoice.CancelledOn == null && x.Open <= 0 && x.WrittenOff > 0),
            InvoiceStatuses.PartiallyPaid => query.Where(x => x.Invoice.CancelledOn == null && x.Open > 0 && x.Open < x.Invoice.Amount),
            InvoiceStatuses.Open => query.Where(x => x.Invoice.CancelledOn == null && x.Open >= x.Invoice.Amount),
            _ => query,
        };
        if (dueFrom is { } from)
        {
            query = query.Where(x => x.Invoice.DueDate >= from);
        }

        if (dueTo is { } to)
        {
            query = query.Where(x => x.Invoice.DueDate <= to);
        }

        if (overdue is { } isOverdue)
        {
            var today = BusinessDate.Today(clock);
            query = isOverdue
                ? query.Where(x => x.Open > 0 && x.Invoice.DueDate < today)
                : query.Where(x => x.Open <= 0 || x.Invoice.DueDate >= today);
        }

        return TypedResults.Ok(await Paging.PageAsync(query.OrderBy(x => x.Invoice.InvoiceDate).ThenBy(x => x.Invoice.Number), page, pageSize,
            x => ToResponse(x.Invoice, x.Open, x.WrittenOff)));
    }

    private static async Task<IResult> CancelAsync(Guid id, CancelInvoiceRequest request, InvoicesDbContext db, TimeProvider clock)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await LockAsync(db, id) is not { } invoice)
        {
            return TypedResults.NotFound();
        }

        var today = BusinessDate.Today(clock);
        var on = request.CancelledOn ?? today;
        var validation = new Validation()
            .Required("reason", request.Reason, maxLength: 500)
            .When(on > today, "cancelledOn", "must not be in the future.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (invoice.CancelledOn is not null)
        {
            return Conflict("The invoice is already cancelled.", $"Invoice {invoice.Number} was cancelled on {invoice.CancelledOn:yyyy-MM-dd}.");
        }

        var entries = await db.Ledger.AsNoTracking().Where(l => l.InvoiceId == id && l.Kind != LedgerKinds.Invoice).CountAsync();
        if (entries > 0)
        {
            return Conflict("The invoice has money applied to it.",
                $"Invoice {invoice.Number} has {entries} payment, note or write-off entries: reverse the payments or issue a credit note instead.");
        }

        var now = clock.GetUtcNow();
        var effective = invoice.EffectiveFrom(on);
        invoice.CancelledOn = effective;
        invoice.CancellationReason = request.Reason!.Trim();
        db.Ledger.Add(Entry(invoice, LedgerKinds.Cancellation, -invoice.Amount, effective, now));
        db.AddToOutbox(new InvoiceCancelled(invoice.TenantId, invoice.Id, invoice.Number, invoice.CustomerId, invoice.DueDate, invoice.Amount,
            effective, invoice.CancellationReason), clock);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Ok(ToResponse(invoice, 0m, 0m));
    }

    private static async Task<IResult> WriteOffAsync(Guid id, WriteOffRequest request, InvoicesDbContext db, TimeProvider clock)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await LockAsync(db, id) is not { } invoice)
        {
            return TypedResults.NotFound();
        }

        var today = BusinessDate.Today(clock);
        var on = request.WrittenOffOn ?? today;
        var open = await db.Ledger.Where(l => l.InvoiceId == id).SumAsync(l => l.Amount);
        var amount = request.Amount ?? open;
        var validation = new Validation()
            .Required("reason", request.Reason, maxLength: 500)
            .When(on > today, "writtenOffOn", "must not be in the future.")
            .When(request.Amount is <= 0 || decimal.Round(amount, 2) != amount, "amount", "must be greater than zero with at most two decimal places.")
            .When(request.Amount > open, "amount", $"is more than the {open:0.00} open on {invoice.Number}.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (invoice.CancelledOn is not null || open <= 0)
        {
            return Conflict("Nothing is open on the invoice.", $"Invoice {invoice.Number} is {(invoice.CancelledOn is null ? "settled" : "cancelled")}.");
        }

        var now = clock.GetUtcNow();
        var effective = invoice.EffectiveFrom(on);
        db.Ledger.Add(Entry(invoice, LedgerKinds.WriteOff, -amount, effective, now));
        db.AddToOutbox(new InvoiceWrittenOff(invoice.TenantId, invoice.Id, invoice.Number, invoice.CustomerId, invoice.DueDate, amount, effective,
            request.Reason!.Trim()), clock);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        var writtenOff = -await db.Ledger.Where(l => l.InvoiceId == id && l.Kind == LedgerKinds.WriteOff).SumAsync(l => l.Amount);
        return TypedResults.Ok(ToResponse(invoice, open - amount, writtenOff));
    }

    /// <summary>The invoice, locked for the rest of the transaction so that its open amount cannot change underneath.</summary>
    public static Task<Invoice?> LockAsync(InvoicesDbContext db, Guid id) =>
        db.Invoices.FromSql($"SELECT * FROM invoices WHERE id = {id} AND tenant_id = {db.Tenant.RequiredTenantId} FOR UPDATE")
            .IgnoreQueryFilters().SingleOrDefaultAsync();

    public static LedgerEntry Entry(Invoice invoice, string kind, decimal amount, DateOnly effective, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CustomerId = invoice.CustomerId,
        InvoiceId = invoice.Id,
        Kind = kind,
        Amount = amount,
        EffectiveDate = effective,
        RecordedAt = now,
    };

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    /// <summary>The status from what the ledger leaves open.</summary>
    public static string StatusOf(Invoice invoice, decimal open, decimal writtenOff) =>
        invoice.CancelledOn is not null ? InvoiceStatuses.Cancelled
        : open <= 0 ? (writtenOff > 0 ? InvoiceStatuses.WrittenOff : InvoiceStatuses.Paid)
        : open < invoice.Amount ? InvoiceStatuses.PartiallyPaid
        : InvoiceStatuses.Open;

    private static List<InvoiceLineResponse>? LinesOf(Invoice i) => i.Lines.Count == 0 ? null :
        [.. i.Lines.OrderBy(l => l.LineNumber).Select(l => new InvoiceLineResponse(
            l.LineNumber, l.Description, l.HsnSac, l.Quantity, l.UnitPrice, l.TaxableValue, l.Cgst, l.Sgst, l.Igst, l.LineTotal))];

    public static InvoiceResponse ToResponse(Invoice i, decimal open, decimal writtenOff) =>
        new(i.Id, i.Number, i.CustomerId, i.InvoiceDate, i.DueDate, i.Amount, open, i.Currency, StatusOf(i, open, writtenOff),
            i.NetDays is null && i.DiscountPercent is null ? null : new PaymentTerms(i.NetDays, i.DiscountPercent, i.DiscountDays), i.CreatedAt,
            null, i.CustomerCode, i.PoReference, i.DealerCode, i.StatutoryForm,
            i.ExpectedTdsRate is null ? null : new ExpectedTds(i.ExpectedTdsSection, i.ExpectedTdsRate, i.ExpectedTdsAmount),
            i.TaxableValue, i.Cgst, i.Sgst, i.Igst, null, i.CancelledOn, i.CancellationReason, writtenOff);
}
