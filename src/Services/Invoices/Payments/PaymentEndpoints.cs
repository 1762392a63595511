using System.ComponentModel.DataAnnotations;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Customers;
using ArPlatform.Invoices.Invoices;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Payments;

public sealed record TdsRequest(decimal? Amount, [property: MaxLength(20)] string? Section);

public sealed record RecordPaymentRequest(
    Guid? CustomerId, [property: MaxLength(50)] string? CustomerCode, decimal? Amount, DateOnly? ReceivedOn, [property: MaxLength(6)] string? Mode, [property: MaxLength(100)] string? Reference,
    [property: MaxLength(100)] string? Bank, [property: MaxLength(4000)] string? Remittance, TdsRequest? Tds, [property: MaxLength(1000)] List<RequestedAllocation>? Allocations);

public sealed record ReversePaymentRequest([property: MaxLength(500)] string? Reason, DateOnly? ReversedOn);

public sealed record ApplyUnappliedRequest([property: MaxLength(1000)] List<RequestedAllocation>? Allocations);

public sealed record AllocationResponse(Guid InvoiceId, string InvoiceNumber, decimal Cash, decimal Tds, decimal Discount);

public sealed record PaymentResponse(
    Guid Id, Guid CustomerId, decimal Amount, decimal TdsAmount, string? TdsSection, DateOnly ReceivedOn, string Mode, string Reference,
    decimal UnappliedAmount, IReadOnlyList<AllocationResponse> Allocations, DateOnly? ReversedOn = null, string? ReversalReason = null);

public static class PaymentEndpoints
{
    public static readonly IReadOnlyList<string> Modes = ["NEFT", "RTGS", "IMPS", "UPI", "CHEQUE", "DD", "CASH"];

    public static void MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        var payments = app.MapGroup("/api/v1/payments").WithTags("Payments");
        payments.MapPost("/", RecordAsync).RequireTenantScope(Scopes.InvoicesWrite).WithName("RecordPayment")
            .WithSummary("Records a payment and applies it: explicit allocations as given, else invoices named in the remittance, then the oldest due.")
            .ProducesValidationProblem();
        payments.MapPost("/{id:guid}/apply", ApplyAsync).RequireTenantScope(Scopes.InvoicesWrite).WithName("ApplyUnappliedCash")
            .WithSummary("Applies what a payment left on account to open invoices: allocations as given, else remittance references, then oldest due.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        payments.MapGet("/{id:guid}", GetAsync).RequireTenantScope(Scopes.InvoicesRead).WithName("GetPayment");
        payments.MapPost("/{id:guid}/reverse", ReverseAsync).RequireTenantScope(Scopes.InvoicesWrite).WithName("ReversePayment")
            .WithSummary("Reverses a payment (e.g. a bounced cheque): what it settled is open again from the reversal date.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static Validation Validate(RecordPaymentRequest request, DateOnly today)
    {
        var validation = new Validation()
            .Required("amount", request.Amount)
            .Required("receivedOn", request.ReceivedOn)
            .Required("mode", request.Mode, maxLength: 10)
            .Required("reference", request.Reference, maxLength: 100)
            .When(request.Amount is < 0, "amount", "must not be negative.")
            .When(request.Amount is { } a && decimal.Round(a, 2) != a, "amount", "must have at most two decimal places (paise).")
            .When(request.ReceivedOn > today, "receivedOn", "must not be in the future.")
            .When(request.Mode is { Length: > 0 } m && !Modes.Contains(m), "mode", $"must be one of {string.Join(", ", Modes)}.")
            .When(request.Bank is { Length: > 100 }, "bank", "must be at most 100 characters.")
            .When(request.Remittance is { Length: > 4000 }, "remittance", "must be at most 4000 characters.");
        validation
            .When((request.CustomerId is null || request.CustomerId == Guid.Empty) && string.IsNullOrWhiteSpace(request.CustomerCode), "customerId", "is required (or customerCode).")
            .When(request.CustomerCode is { Length: > 50 }, "customerCode", "must be at most 50 characters.");

        if (request.Tds is { } tds)
        {
            validation
                .When(tds.Amount is null or < 0, "tds.amount", "is required and must not be negative.")
                .When(tds.Amount is { } t && decimal.Round(t, 2) != t, "tds.amount", "must have at most two decimal places (paise).")
                .When(tds.Amount is > 0 && string.IsNullOrWhiteSpace(tds.Section), "tds.section", "is required when TDS was deducted (e.g. 194C).")
                .When(tds.Section is { Length: > 20 }, "tds.section", "must be at most 20 characters.");
        }

        validation.When(request.Amount is 0 && (request.Tds?.Amount ?? 0) == 0, "amount", "must be greater than zero, or TDS must be given.");
        return validation;
    }

    private static async Task<IResult> RecordAsync(RecordPaymentRequest request, InvoicesDbContext db, CustomerDirectory customers, TimeProvider clock)
    {
        var outcome = await RecordCoreAsync(request, db, customers, clock);
        return outcome switch
        {
            { Payment: { } payment } => TypedResults.Created($"/api/v1/payments/{payment.Id}", payment),
            { Unavailable: true } => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The customer could not be checked.",
                detail: outcome.Errors!.Values.First()[0]),
            _ => TypedResults.ValidationProblem(outcome.Errors!, title: "The request is not valid.", detail: "See errors: each field names the rule it broke."),
        };
    }

    /// <summary>The recorded payment, or the broken rules by field (Unavailable: the customer could not be checked; retry).</summary>
    public sealed record PaymentOutcome(PaymentResponse? Payment, IDictionary<string, string[]>? Errors, bool Unavailable = false);

    public static async Task<PaymentOutcome> RecordCoreAsync(RecordPaymentRequest request, InvoicesDbContext db, CustomerDirectory customers, TimeProvider clock)
    {
        var validation = Validate(request, BusinessDate.Today(clock));
        if (!validation.IsValid)
        {
            return new PaymentOutcome(null, validation.Errors);
        }

        var reference = new CustomerReference(request.CustomerId is { } id && id != Guid.Empty ? id : null, request.CustomerCode);
        var (resolution, customer) = await customers.ResolveAsync(reference);
        var field = request.CustomerId is null ? "customerCode" : "customerId";
        if (resolution == Resolution.Unknown)
        {
            return new PaymentOutcome(null, new Dictionary<string, string[]> { [field] = [reference.UnknownMessage] });
        }

        if (resolution == Resolution.CustomersUnavailable)
        {
            return new PaymentOutcome(null, new Dictionary<string, string[]>
            {
                [field] = [reference.UnavailableMessage],
            }, Unavailable: true);
        }

        var tenant = db.Tenant.RequiredTenantId;
        var customerId = customer!.Id;
        var receivedOn = request.ReceivedOn!.Value;
        var tdsAmount = request.Tds?.Amount ?? 0m;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var openInvoices = await LockCustomerAndLoadOpenInvoicesAsync(db, customerId, request.Amount!.Value + tdsAmount,
            PaymentAllocator.NamedInvoiceNumbers(request.Remittance, request.Allocations));
        var result = PaymentAllocator.Allocate(
            new PaymentToAllocate(request.Amount!.Value, tdsAmount, receivedOn, request.Remittance, request.Allocations), openInvoices);
        if (!result.IsValid)
        {
            return new PaymentOutcome(null, result.Errors.ToDictionary(e => e.Key, e => e.Value));
        }

        var now = clock.GetUtcNow();
        var payment = new Payment
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = customerId,
            Amount = request.Amount.Value,
            TdsAmount = tdsAmount,
            TdsSection = request.Tds?.Section?.Trim(),
            ReceivedOn = receivedOn,
            Mode = request.Mode!,
            Reference = request.Reference!.Trim(),
            Bank = request.Bank,
            Remittance = request.Remittance,
            CreatedAt = now,
        };
        db.Payments.Add(payment);
        RecordAllocations(db, payment, result.Allocations, openInvoices, now, clock);
        AddEntry(db, payment, null, LedgerKinds.Unapplied, result.UnappliedCash, receivedOn, now);
        db.AddToOutbox(new PaymentReceived(tenant, payment.Id, customerId, payment.Amount, payment.TdsAmount, receivedOn, payment.Mode,
            payment.Reference, result.UnappliedCash, now), clock);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new PaymentOutcome(ToResponse(payment, result.UnappliedCash,
            [.. result.Allocations.Select(a => new AllocationResponse(a.InvoiceId, a.InvoiceNumber, a.Cash, a.Tds, a.Discount))]), null);
    }

    /// <summary>Applies cash a payment left on account to open invoices: as given, else remittance references, then oldest due.</summary>
    private static async Task<IResult> ApplyAsync(Guid id, ApplyUnappliedRequest? request, InvoicesDbContext db, TimeProvider clock)
    {
        if (await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is not { } payment)
        {
            return TypedResults.NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var unappliedSoFar = -await db.Ledger.Where(l => l.PaymentId == id && l.InvoiceId == null).SumAsync(l => l.Amount);
        var openInvoices = await LockCustomerAndLoadOpenInvoicesAsync(db, payment.CustomerId, unappliedSoFar,
            PaymentAllocator.NamedInvoiceNumbers(payment.Remittance, request?.Allocations));
        if (payment.ReversedOn is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The payment is reversed.",
                detail: $"Payment {id} was reversed on {payment.ReversedOn:yyyy-MM-dd}; nothing of it can be applied.");
        }

        var unapplied = -await db.Ledger.Where(l => l.PaymentId == id && l.InvoiceId == null).SumAsync(l => l.Amount);
        if (unapplied <= 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing of the payment is on account.",
                detail: $"Payment {id} is fully applied to invoices.");
        }

        var result = PaymentAllocator.Allocate(new PaymentToAllocate(unapplied, 0m, payment.ReceivedOn, payment.Remittance, request?.Allocations), openInvoices);
        if (!result.IsValid)
        {
            return AllocationProblem(result);
        }

        var now = clock.GetUtcNow();
        var applied = RecordAllocations(db, payment, result.Allocations, openInvoices, now, clock);
        foreach (var (effective, cash) in applied)
        {
            AddEntry(db, payment, null, LedgerKinds.Unapplied, -cash, effective, now);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Ok(ToResponse(payment, result.UnappliedCash,
            [.. result.Allocations.Select(a => new AllocationResponse(a.InvoiceId, a.InvoiceNumber, a.Cash, a.Tds, a.Discount))]));
    }

    private static IResult AllocationProblem(AllocationResult result)
    {
        var problem = new Validation();
        foreach (var (field, messages) in result.Errors)
        {
            foreach (var message in messages)
            {
                problem.Add(field, message);
            }
        }

        return problem.Problem();
    }

    /// <summary>
    /// Locks the customer (payments of one customer apply one after the other) and returns the open invoices the
    /// payment can reach, each with what the ledger leaves open on it: every invoice named (in the allocations or the
    /// remittance text) and, oldest due first, as many others as cover the amount. Open = the invoice's own ledger
    /// entry (always its amount) plus its settlement entries, summed per invoice from an index-only probe, so the
    /// oldest-due walk reads the invoices in index order and stops as soon as the amount is covered: a customer with
    /// 10,000 open invoices costs a payment a few dozen rows, not 10,000.
    /// </summary>
    public static async Task<List<OpenInvoice>> LockCustomerAndLoadOpenInvoicesAsync(
        InvoicesDbContext db, Guid customerId, decimal? capacity = null, IEnumerable<string>? named = null)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM customers WHERE id = {customerId} FOR UPDATE");
        var tenant = db.Tenant.RequiredTenantId;
        var names = (named ?? []).Select(n => n.Trim().ToUpperInvariant()).Where(n => n.Length > 0).Distinct().ToArray();
        List<OpenInvoiceRow> byName = names.Length == 0 ? [] : await db.Database.SqlQueryRaw<OpenInvoiceRow>(
            OpenInvoicesSql + " AND upper(i.number) = ANY({3})", tenant, customerId, LedgerKinds.Invoice, names).ToListAsync();
        for (var limit = capacity is null ? int.MaxValue : 64; ; limit = limit > int.MaxValue / 8 ? int.MaxValue : limit * 8)
        {
            var oldest = await db.Database.SqlQueryRaw<OpenInvoiceRow>(
                OpenInvoicesSql + """ ORDER BY i.due_date, i.invoice_date, i.number COLLATE "C" LIMIT {3}""", tenant, customerId, LedgerKinds.Invoice, limit)
                .ToListAsync();
            if (oldest.Count < limit || oldest.Sum(r => r.Open) >= capacity || limit == int.MaxValue)
            {
                return [.. oldest.Concat(byName).DistinctBy(r => r.Id).Select(r => new OpenInvoice(r.Id, r.Number, r.InvoiceDate, r.DueDate, r.Amount, r.Open,
                    r.DiscountPercent is { } percent && r.DiscountDays is { } days ? new DiscountTerms(percent, days) : null))];
            }
        }
    }

    /// <summary>A customer's open invoices ({0} tenant, {1} customer, {2} the invoice's own ledger kind), what is open on each.</summary>
    private const string OpenInvoicesSql = """
        SELECT i.id AS "Id", i.number AS "Number", i.invoice_date AS "InvoiceDate", i.due_date AS "DueDate", i.amount AS "Amount",
               i.amount + m.moved AS "Open", i.discount_percent AS "DiscountPercent", i.discount_days AS "DiscountDays"
        FROM invoices i CROSS JOIN LATERAL (
            SELECT coalesce(sum(l.amount), 0) AS moved FROM ledger_entries l
            WHERE l.tenant_id = i.tenant_id AND l.customer_id = i.customer_id AND l.invoice_id = i.id AND l.kind <> {2}) m
        WHERE i.tenant_id = {0} AND i.customer_id = {1} AND i.cancelled_on IS NULL AND i.amount + m.moved > 0
        """;

    private sealed record OpenInvoiceRow(
        Guid Id, string Number, DateOnly InvoiceDate, DateOnly DueDate, decimal Amount, decimal Open, decimal? DiscountPercent, int? DiscountDays);

    /// <summary>Ledger entries and events of allocations; returns the cash applied per effective date.</summary>
    private static List<(DateOnly Effective, decimal Cash)> RecordAllocations(
        InvoicesDbContext db, Payment payment, IReadOnlyList<Allocation> allocations, List<OpenInvoice> openInvoices, DateTimeOffset now, TimeProvider clock)
    {
        var tenant = db.Tenant.RequiredTenantId;
        var byId = openInvoices.ToDictionary(i => i.Id);
        var applied = new List<(DateOnly, decimal)>();
        foreach (var allocation in allocations)
        {
            var invoice = byId[allocation.InvoiceId];
            var effective = payment.ReceivedOn < invoice.InvoiceDate ? invoice.InvoiceDate : payment.ReceivedOn;
            AddEntry(db, payment, invoice.Id, LedgerKinds.Cash, allocation.Cash, effective, now);
            AddEntry(db, payment, invoice.Id, LedgerKinds.Tds, allocation.Tds, effective, now);
            AddEntry(db, payment, invoice.Id, LedgerKinds.Discount, allocation.Discount, effective, now);
            db.AddToOutbox(new PaymentAllocated(tenant, payment.Id, payment.CustomerId,
                invoice.Id, invoice.Number, invoice.DueDate, effective, allocation.Cash, allocation.Tds, allocation.Discount), clock);
            if (invoice.OpenAmount - allocation.Settled == 0)
            {
                db.AddToOutbox(Invoice.SettledEvent(tenant, invoice.Id, invoice.Number, payment.CustomerId, invoice.DueDate, effective), clock);
            }

            applied.Add((effective, allocation.Cash));
        }

        return applied;
    }

    private static async Task<IResult> ReverseAsync(Guid id, ReversePaymentRequest request, InvoicesDbContext db, TimeProvider clock)
    {
        var today = BusinessDate.Today(clock);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var payment = await db.Payments.FromSql($"SELECT * FROM payments WHERE id = {id} AND tenant_id = {db.Tenant.RequiredTenantId} FOR UPDATE")
            .IgnoreQueryFilters().SingleOrDefaultAsync();
        if (payment is null)
        {
            return TypedResults.NotFound();
        }

        var reversedOn = request.ReversedOn ?? today;
        var validation = new Validation()
            .Required("reason", request.Reason, maxLength: 500)
            .When(reversedOn < payment.ReceivedOn, "reversedOn", "must not be before the payment was received.")
            .When(reversedOn > today, "reversedOn", "must not be in the future.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (payment.ReversedOn is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The payment is already reversed.",
                detail: $"Payment {id} was reversed on {payment.ReversedOn:yyyy-MM-dd}.");
        }

        var now = clock.GetUtcNow();
        var entries = await db.Ledger.AsNoTracking().Where(l => l.PaymentId == id).ToListAsync();
        foreach (var entry in entries)
        {
            db.Ledger.Add(new LedgerEntry
            {
                Id = Guid.CreateVersion7(now),
                CustomerId = entry.CustomerId,
                InvoiceId = entry.InvoiceId,
                PaymentId = id,
                Kind = LedgerKinds.Reversal,
                Amount = -entry.Amount,
                EffectiveDate = reversedOn,
                RecordedAt = now,
            });
        }

        var invoiceIds = entries.Where(e => e.InvoiceId is not null).Select(e => e.InvoiceId!.Value).Distinct().ToList();
        var dueDates = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.DueDate);
        var reopened = entries.Where(e => e.InvoiceId is not null).GroupBy(e => e.InvoiceId!.Value)
            .Select(g => new ReversedSettlement(g.Key, dueDates[g.Key], -g.Sum(e => e.Amount)))
            .ToList();
        payment.ReversedOn = reversedOn;
        payment.ReversalReason = request.Reason!.Trim();
        db.AddToOutbox(new PaymentReversed(payment.TenantId, id, payment.CustomerId, reversedOn, payment.ReversalReason, reopened), clock);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Ok(new { id, reversedOn, reason = payment.ReversalReason, reopened = reopened.Select(r => new { r.InvoiceId, r.Amount }) });
    }

    private static void AddEntry(InvoicesDbContext db, Payment payment, Guid? invoiceId, string kind, decimal amount, DateOnly effective, DateTimeOffset now)
    {
        if (amount == 0)
        {
            return;
        }

        db.Ledger.Add(new LedgerEntry
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = payment.CustomerId,
            InvoiceId = invoiceId,
            PaymentId = payment.Id,
            Kind = kind,
            Amount = -amount,
            EffectiveDate = effective,
            RecordedAt = now,
        });
    }

    /// <summary>What is open on each of a customer's invoices: the sum of its ledger entries.</summary>
    public static Task<Dictionary<Guid, decimal>> OpenAmountsAsync(InvoicesDbContext db, Guid customerId) =>
        db.Ledger.AsNoTracking()
            .Where(l => l.CustomerId == customerId && l.InvoiceId != null)
            .GroupBy(l => l.InvoiceId!.Value)
            .Select(g => new { Invoice = g.Key, Open = g.Sum(l => l.Amount) })
            .ToDictionaryAsync(x => x.Invoice, x => x.Open);

    private static async Task<Results<Ok<PaymentResponse>, NotFound>> GetAsync(Guid id, InvoicesDbContext db)
    {
        if (await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is not { } payment)
        {
            return TypedResults.NotFound();
        }

        var entries = await db.Ledger.AsNoTracking().Where(l => l.PaymentId == id && l.Kind != LedgerKinds.Reversal).ToListAsync();
        var invoiceIds = entries.Where(e => e.InvoiceId is not null).Select(e => e.InvoiceId!.Value).Distinct().ToList();
        var numbers = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Number);
        var allocations = entries.Where(e => e.InvoiceId is not null).GroupBy(e => e.InvoiceId!.Value)
            .Select(g => new AllocationResponse(g.Key, numbers[g.Key],
                -g.Where(e => e.Kind == LedgerKinds.Cash).Sum(e => e.Amount),
                -g.Where(e => e.Kind == LedgerKinds.Tds).Sum(e => e.Amount),
                -g.Where(e => e.Kind == LedgerKinds.Discount).Sum(e => e.Amount)))
            .ToList();
        return TypedResults.Ok(ToResponse(payment, -entries.Where(e => e.Kind == LedgerKinds.Unapplied).Sum(e => e.Amount), allocations));
    }

    private static PaymentResponse ToResponse(Payment p, decimal unapplied, IReadOnlyList<AllocationResponse> allocations) =>
        new(p.Id, p.CustomerId, p.Amount, p.TdsAmount, p.TdsSection, p.ReceivedOn, p.Mode, p.Reference, unapplied, allocations, p.ReversedOn, p.ReversalReason);
}
