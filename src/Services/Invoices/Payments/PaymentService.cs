using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Customers;
using ArPlatform.Invoices.Invoices;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Payments;

/// <summary>The payment use cases (record, apply what is on account, reverse), called alike by the API and the CSV import.</summary>
public sealed class PaymentService(InvoicesDbContext db, LedgerWriter ledger, CustomerDirectory customers, TimeProvider clock)
{
    public const int MaxAllocations = 1000;

    public static readonly IReadOnlyList<string> Modes = ["NEFT", "RTGS", "IMPS", "UPI", "CHEQUE", "DD", "CASH"];

    public static Validation Validate(RecordPaymentRequest request, DateOnly today)
    {
        var validation = new Validation()
            .Required("amount", request.Amount)
            .Required("receivedOn", request.ReceivedOn)
            .Required("mode", request.Mode, maxLength: 10)
            .Required("reference", request.Reference, maxLength: 100)
            .When(request.Amount is < 0, "amount", "must not be negative.")
            .When(request.Amount is { } a && decimal.Round(a, 2) != a, "amount", "must have at most two decimal places (paise).")
            .When(request.Amount >= InvoiceDraft.MaxAmount, "amount", "is too large.")
            .BusinessDate("receivedOn", request.ReceivedOn, today)
            .When(request.Mode is { Length: > 0 } m && !Modes.Contains(m), "mode", $"must be one of {string.Join(", ", Modes)}.")
            .When(request.Bank is { Length: > 100 }, "bank", "must be at most 100 characters.")
            .When(request.Remittance is { Length: > 4000 }, "remittance", "must be at most 4000 characters.")
            .When((request.CustomerId is null || request.CustomerId == Guid.Empty) && string.IsNullOrWhiteSpace(request.CustomerCode), "customerId", "is required (or customerCode).")
            .When(request.CustomerCode is { Length: > 50 }, "customerCode", "must be at most 50 characters.");
        ValidateAllocations(validation, request.Allocations);
        if (request.Tds is { } tds)
        {
            validation
                .When(tds.Amount is null or < 0, "tds.amount", "is required and must not be negative.")
                .When(tds.Amount is { } t && decimal.Round(t, 2) != t, "tds.amount", "must have at most two decimal places (paise).")
                .When(tds.Amount >= InvoiceDraft.MaxAmount, "tds.amount", "is too large.")
                .When(tds.Amount is > 0 && string.IsNullOrWhiteSpace(tds.Section), "tds.section", "is required when TDS was deducted (e.g. 194C).")
                .When(tds.Section is { Length: > 20 }, "tds.section", "must be at most 20 characters.");
        }

        return validation.When(request.Amount is 0 && (request.Tds?.Amount ?? 0) == 0, "amount", "must be greater than zero, or TDS must be given.");
    }

    private static void ValidateAllocations(Validation validation, IReadOnlyList<RequestedAllocation?>? allocations)
    {
        validation.When(allocations is { Count: > MaxAllocations }, "allocations", $"must have at most {MaxAllocations} items.");
        for (var i = 0; i < Math.Min(allocations?.Count ?? 0, MaxAllocations); i++)
        {
            validation
                .When(allocations![i] is null, $"allocations[{i}]", "must be an allocation {invoiceNumber, amount}.")
                .When(allocations[i] is { } a && string.IsNullOrWhiteSpace(a.InvoiceNumber), $"allocations[{i}].invoiceNumber", "is required.")
                .When(allocations[i] is { InvoiceNumber.Length: > 50 }, $"allocations[{i}].invoiceNumber", "must be at most 50 characters.");
        }
    }

    public async Task<Outcome<PaymentResponse>> RecordAsync(RecordPaymentRequest request, CancellationToken cancellationToken = default)
    {
        var validation = Validate(request, BusinessDate.Today(clock));
        if (!validation.IsValid)
        {
            return Outcome<PaymentResponse>.Invalid(validation);
        }

        var reference = new CustomerReference(request.CustomerId is { } id && id != Guid.Empty ? id : null, request.CustomerCode);
        var (resolution, customer) = await customers.ResolveAsync(reference, cancellationToken);
        if (InvoiceService.CustomerProblem<PaymentResponse>(resolution, reference, request.CustomerId is null ? "customerCode" : "customerId") is { } problem)
        {
            return problem;
        }

        var tenant = db.Tenant.RequiredTenantId;
        var customerId = customer!.Id;
        var receivedOn = request.ReceivedOn!.Value;
        var tdsAmount = request.Tds?.Amount ?? 0m;
        await using var transaction = await ledger.BeginAsync(customerId, cancellationToken);
        var openInvoices = await LedgerQueries.OpenInvoicesAsync(db, customerId, request.Amount!.Value + tdsAmount,
            PaymentAllocator.NamedInvoiceNumbers(request.Remittance, request.Allocations), cancellationToken);
        var result = PaymentAllocator.Allocate(
            new PaymentToAllocate(request.Amount!.Value, tdsAmount, receivedOn, request.Remittance, request.Allocations), openInvoices);
        if (!result.IsValid)
        {
            return Outcome<PaymentResponse>.Invalid(result.Errors.ToDictionary(e => e.Key, e => e.Value));
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
        PostAllocations(payment, result.Allocations, openInvoices);
        ledger.Post(customerId, LedgerKinds.Unapplied, -result.UnappliedCash, receivedOn, paymentId: payment.Id);
        db.AddToOutbox(new PaymentReceived(tenant, payment.Id, customerId, payment.Amount, payment.TdsAmount, receivedOn, payment.Mode,
            payment.Reference, result.UnappliedCash, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<PaymentResponse>.Ok(ToResponse(payment, result.UnappliedCash, result.Allocations));
    }

    /// <summary>Applies cash a payment left on account to open invoices: as given, else remittance references, then oldest due.</summary>
    public async Task<Outcome<PaymentResponse>> ApplyAsync(Guid id, ApplyUnappliedRequest? request, CancellationToken cancellationToken = default)
    {
        var validation = new Validation().When(request?.Allocations is { Count: 0 }, "allocations",
            "must name at least one invoice; leave it out to apply by the remittance, then oldest due.");
        ValidateAllocations(validation, request?.Allocations);
        if (!validation.IsValid)
        {
            return Outcome<PaymentResponse>.Invalid(validation);
        }

        if (await ledger.BeginForPaymentAsync(id, cancellationToken) is not ({ } payment, { } transaction))
        {
            return Outcome<PaymentResponse>.NotFound();
        }

        await using (transaction)
        {
            if (payment.ReversedOn is not null)
            {
                return Outcome<PaymentResponse>.Conflict("The payment is reversed.",
                    $"Payment {id} was reversed on {payment.ReversedOn:yyyy-MM-dd}; nothing of it can be applied.");
            }

            if (payment.UnappliedAmount <= 0)
            {
                return Outcome<PaymentResponse>.Conflict("Nothing of the payment is on account.", $"Payment {id} is fully applied to invoices.");
            }

            var openInvoices = await LedgerQueries.OpenInvoicesAsync(db, payment.CustomerId, payment.UnappliedAmount,
                PaymentAllocator.NamedInvoiceNumbers(payment.Remittance, request?.Allocations), cancellationToken);
            var result = PaymentAllocator.Allocate(
                new PaymentToAllocate(payment.UnappliedAmount, 0m, payment.ReceivedOn, payment.Remittance, request?.Allocations), openInvoices);
            if (!result.IsValid)
            {
                return Outcome<PaymentResponse>.Invalid(result.Errors.ToDictionary(e => e.Key, e => e.Value));
            }

            foreach (var (effective, cash) in PostAllocations(payment, result.Allocations, openInvoices))
            {
                ledger.Post(payment.CustomerId, LedgerKinds.Unapplied, cash, effective, paymentId: payment.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Outcome<PaymentResponse>.Ok(ToResponse(payment, result.UnappliedCash, result.Allocations));
        }
    }

    public async Task<Outcome<PaymentReversal>> ReverseAsync(Guid id, ReversePaymentRequest request, CancellationToken cancellationToken = default)
    {
        var today = BusinessDate.Today(clock);
        var validation = new Validation()
            .Required("reason", request.Reason, maxLength: 500)
            .BusinessDate("reversedOn", request.ReversedOn, today);
        if (!validation.IsValid)
        {
            return Outcome<PaymentReversal>.Invalid(validation);
        }

        if (await ledger.BeginForPaymentAsync(id, cancellationToken) is not ({ } payment, { } transaction))
        {
            return Outcome<PaymentReversal>.NotFound();
        }

        await using (transaction)
        {
            var reversedOn = request.ReversedOn ?? today;
            if (reversedOn < payment.ReceivedOn)
            {
                return Outcome<PaymentReversal>.Invalid("reversedOn", "must not be before the payment was received.");
            }

            if (payment.ReversedOn is not null)
            {
                return Outcome<PaymentReversal>.Conflict("The payment is already reversed.", $"Payment {id} was reversed on {payment.ReversedOn:yyyy-MM-dd}.");
            }

            // One reversing entry per invoice and one for what is on account, each the net of what the payment moved there.
            var entries = await db.Ledger.AsNoTracking().Where(l => l.PaymentId == id).ToListAsync(cancellationToken);
            foreach (var moved in entries.GroupBy(e => e.InvoiceId))
            {
                ledger.Post(payment.CustomerId, LedgerKinds.Reversal, -moved.Sum(e => e.Amount), reversedOn, moved.Key, id);
            }

            var invoiceIds = entries.Where(e => e.InvoiceId is not null).Select(e => e.InvoiceId!.Value).Distinct().ToList();
            var dueDates = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.DueDate, cancellationToken);
            var reopened = entries.Where(e => e.InvoiceId is not null).GroupBy(e => e.InvoiceId!.Value)
                .Select(g => new ReversedSettlement(g.Key, dueDates[g.Key], -g.Sum(e => e.Amount)))
                .Where(r => r.Amount != 0)
                .ToList();
            payment.ReversedOn = reversedOn;
            payment.ReversalReason = request.Reason!.Trim();
            db.AddToOutbox(new PaymentReversed(payment.TenantId, id, payment.CustomerId, reversedOn, payment.ReversalReason, reopened), clock);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Outcome<PaymentReversal>.Ok(new PaymentReversal(id, reversedOn, payment.ReversalReason,
                [.. reopened.Select(r => new ReopenedInvoice(r.InvoiceId, r.Amount))]));
        }
    }

    /// <summary>Ledger entries and events of allocations; returns the cash applied per effective date.</summary>
    private List<(DateOnly Effective, decimal Cash)> PostAllocations(Payment payment, IReadOnlyList<Allocation> allocations, List<OpenInvoice> openInvoices)
    {
        var tenant = db.Tenant.RequiredTenantId;
        var byId = openInvoices.ToDictionary(i => i.Id);
        var applied = new List<(DateOnly, decimal)>();
        foreach (var allocation in allocations)
        {
            var invoice = byId[allocation.InvoiceId];
            var effective = payment.ReceivedOn < invoice.InvoiceDate ? invoice.InvoiceDate : payment.ReceivedOn;
            ledger.Post(payment.CustomerId, LedgerKinds.Cash, -allocation.Cash, effective, invoice.Id, payment.Id);
            ledger.Post(payment.CustomerId, LedgerKinds.Tds, -allocation.Tds, effective, invoice.Id, payment.Id);
            ledger.Post(payment.CustomerId, LedgerKinds.Discount, -allocation.Discount, effective, invoice.Id, payment.Id);
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

    public async Task<PaymentResponse?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } payment)
        {
            return null;
        }

        var entries = await db.Ledger.AsNoTracking().Where(l => l.PaymentId == id && l.InvoiceId != null && l.Kind != LedgerKinds.Reversal)
            .ToListAsync(cancellationToken);
        var invoiceIds = entries.Select(e => e.InvoiceId!.Value).Distinct().ToList();
        var numbers = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Number, cancellationToken);
        var allocations = entries.GroupBy(e => e.InvoiceId!.Value)
            .Select(g => new AllocationResponse(g.Key, numbers[g.Key],
                -g.Where(e => e.Kind == LedgerKinds.Cash).Sum(e => e.Amount),
                -g.Where(e => e.Kind == LedgerKinds.Tds).Sum(e => e.Amount),
                -g.Where(e => e.Kind == LedgerKinds.Discount).Sum(e => e.Amount)))
            .ToList();
        return ToResponse(payment, payment.UnappliedAmount, allocations);
    }

    private static PaymentResponse ToResponse(Payment p, decimal unapplied, IReadOnlyList<Allocation> allocations) =>
        ToResponse(p, unapplied, [.. allocations.Select(a => new AllocationResponse(a.InvoiceId, a.InvoiceNumber, a.Cash, a.Tds, a.Discount))]);

    private static PaymentResponse ToResponse(Payment p, decimal unapplied, IReadOnlyList<AllocationResponse> allocations) =>
        new(p.Id, p.CustomerId, p.Amount, p.TdsAmount, p.TdsSection, p.ReceivedOn, p.Mode, p.Reference, unapplied, allocations, p.ReversedOn, p.ReversalReason);
}
