using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Invoices;

/// <summary>Payment terms, e.g. "2/10 net 30" = {netDays: 30, discountPercent: 2, discountDays: 10}.</summary>
public sealed record PaymentTerms(int? NetDays, decimal? DiscountPercent, int? DiscountDays);

public sealed record IssueInvoiceRequest(
    string? Number, Guid? CustomerId, DateOnly? InvoiceDate, DateOnly? DueDate, decimal? Amount, string? Currency, PaymentTerms? Terms = null);

/// <summary>One change of the invoice's open amount: positive adds, negative settles.</summary>
public sealed record InvoiceHistoryEntry(string Kind, decimal Amount, DateOnly EffectiveDate, DateTimeOffset RecordedAt, Guid? PaymentId);

public sealed record InvoiceResponse(
    Guid Id, string Number, Guid CustomerId, DateOnly InvoiceDate, DateOnly DueDate, decimal Amount, decimal OpenAmount, string Currency,
    string Status, PaymentTerms? Terms, DateTimeOffset CreatedAt, IReadOnlyList<InvoiceHistoryEntry>? History = null);

public static class InvoiceEndpoints
{
    public const string Inr = "INR";

    public static void MapInvoiceEndpoints(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup("/api/v1/invoices").WithTags("Invoices");
        invoices.MapPost("/", IssueAsync).RequireTenantScope(Scopes.InvoicesWrite).WithName("IssueInvoice")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        invoices.MapGet("/{id:guid}", GetAsync).RequireTenantScope(Scopes.InvoicesRead).WithName("GetInvoice");
        invoices.MapGet("/", ListAsync).RequireTenantScope(Scopes.InvoicesRead).WithName("ListInvoices");
    }

    public static Validation Validate(IssueInvoiceRequest request)
    {
        var validation = new Validation()
            .Required("number", request.Number, maxLength: 50)
            .Required("customerId", request.CustomerId)
            .Required("invoiceDate", request.InvoiceDate)
            .When(request.DueDate is null && request.Terms?.NetDays is null, "dueDate", "is required unless terms.netDays is given.")
            .Required("amount", request.Amount)
            .Required("currency", request.Currency, maxLength: 3);
        validation
            .When(request.Amount is <= 0, "amount", "must be greater than zero.")
            .When(request.Amount is { } a && decimal.Round(a, 2) != a, "amount", "must have at most two decimal places (paise).")
            .When(request.Amount is >= 10_000_000_000_000_000m, "amount", "is too large.")
            .When(request.DueDate < request.InvoiceDate, "dueDate", "must be on or after invoiceDate.")
            .When(request.Currency is { Length: > 0 } c && c != Inr, "currency", $"must be {Inr}: other currencies are not supported yet.");
        if (request.Terms is { } terms)
        {
            validation
                .When(terms.NetDays is < 0 or > 3650, "terms.netDays", "must be between 0 and 3650 days.")
                .When((terms.DiscountPercent is null) != (terms.DiscountDays is null), "terms", "discountPercent and discountDays go together.")
                .When(terms.DiscountPercent is <= 0 or >= 100, "terms.discountPercent", "must be more than 0 and less than 100.")
                .When(terms.DiscountPercent is { } p && decimal.Round(p, 2) != p, "terms.discountPercent", "must have at most two decimal places.")
                .When(terms.DiscountDays is < 1 || terms.DiscountDays > (terms.NetDays ?? int.MaxValue), "terms.discountDays", "must be at least 1 and within the net days.")
                .When(request.DueDate is { } due && terms.NetDays is { } net && request.InvoiceDate is { } date && due != date.AddDays(net),
                    "dueDate", "does not match invoiceDate + terms.netDays: give one or make them agree.");
        }

        return validation;
    }

    private static async Task<IResult> IssueAsync(IssueInvoiceRequest request, InvoicesDbContext db, TimeProvider clock)
    {
        var validation = Validate(request);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var number = request.Number!.Trim();
        if (await db.Invoices.AnyAsync(i => i.Number == number))
        {
            return NumberTaken(number);
        }

        var now = clock.GetUtcNow();
        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(now),
            Number = number,
            CustomerId = request.CustomerId!.Value,
            InvoiceDate = request.InvoiceDate!.Value,
            DueDate = request.DueDate ?? request.InvoiceDate!.Value.AddDays(request.Terms!.NetDays!.Value),
            NetDays = request.Terms?.NetDays,
            DiscountPercent = request.Terms?.DiscountPercent,
            DiscountDays = request.Terms?.DiscountDays,
            Amount = request.Amount!.Value,
            Currency = request.Currency!,
            CreatedAt = now,
        };
        db.Invoices.Add(invoice);
        db.Ledger.Add(new LedgerEntry
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = invoice.CustomerId,
            InvoiceId = invoice.Id,
            Kind = LedgerKinds.Invoice,
            Amount = invoice.Amount,
            EffectiveDate = invoice.InvoiceDate,
            RecordedAt = now,
        });
        db.AddToOutbox(new InvoiceIssued(db.Tenant.RequiredTenantId, invoice.Id, invoice.Number, invoice.CustomerId,
            invoice.InvoiceDate, invoice.DueDate, invoice.Amount, invoice.Currency, now), clock);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return NumberTaken(number);
        }

        return TypedResults.Created($"/api/v1/invoices/{invoice.Id}", ToResponse(invoice, invoice.Amount));
    }

    private static ProblemHttpResult NumberTaken(string number) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "The invoice number is taken.",
        detail: $"An invoice numbered '{number}' already exists in this tenant.");

    private static async Task<Results<Ok<InvoiceResponse>, NotFound>> GetAsync(Guid id, InvoicesDbContext db)
    {
        if (await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id) is not { } invoice)
        {
            return TypedResults.NotFound();
        }

        var history = await db.Ledger.AsNoTracking().Where(l => l.InvoiceId == id)
            .OrderBy(l => l.EffectiveDate).ThenBy(l => l.RecordedAt)
            .Select(l => new InvoiceHistoryEntry(l.Kind, l.Amount, l.EffectiveDate, l.RecordedAt, l.PaymentId))
            .ToListAsync();
        return TypedResults.Ok(ToResponse(invoice, history.Sum(h => h.Amount)) with { History = history });
    }

    private static async Task<IResult> ListAsync(InvoicesDbContext db, int? page, int? pageSize, Guid? customerId)
    {
        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        var query = db.Invoices.AsNoTracking();
        if (customerId is { } customer)
        {
            query = query.Where(i => i.CustomerId == customer);
        }

        var invoices = await Paging.PageAsync(query.OrderBy(i => i.InvoiceDate).ThenBy(i => i.Number), page, pageSize, i => i);
        var ids = invoices.Items.Select(i => i.Id).ToList();
        var open = await db.Ledger.AsNoTracking().Where(l => l.InvoiceId != null && ids.Contains(l.InvoiceId.Value))
            .GroupBy(l => l.InvoiceId!.Value).Select(g => new { Invoice = g.Key, Open = g.Sum(l => l.Amount) })
            .ToDictionaryAsync(x => x.Invoice, x => x.Open);
        return TypedResults.Ok(new PagedList<InvoiceResponse>(
            [.. invoices.Items.Select(i => ToResponse(i, open.GetValueOrDefault(i.Id)))], invoices.Page, invoices.PageSize, invoices.Total));
    }

    /// <summary>Open, partially paid or paid, from what the ledger leaves open.</summary>
    public static string StatusOf(decimal amount, decimal open) => open <= 0 ? "paid" : open < amount ? "partially paid" : "open";

    private static InvoiceResponse ToResponse(Invoice i, decimal open) =>
        new(i.Id, i.Number, i.CustomerId, i.InvoiceDate, i.DueDate, i.Amount, open, i.Currency, StatusOf(i.Amount, open),
            i.NetDays is null && i.DiscountPercent is null ? null : new PaymentTerms(i.NetDays, i.DiscountPercent, i.DiscountDays), i.CreatedAt);
}
