using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Customers.Risk;

/// <summary>
/// One change of what a customer owes on one invoice, with its effective date, as the invoice and payment events
/// report it. The customer's payment behaviour as of any date is computed from these (<see cref="PaymentBehaviourQuery"/>).
/// </summary>
public sealed class ReceivableMovement : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public Guid InvoiceId { get; set; }

    public string? InvoiceNumber { get; set; }

    public DateOnly DueDate { get; set; }

    public DateOnly EffectiveDate { get; set; }

    /// <summary>Positive adds to what is open, negative settles; zero for the <c>settled</c> marker.</summary>
    public decimal Change { get; set; }

    /// <summary>One of <see cref="MovementKinds"/>.</summary>
    public required string Kind { get; set; }

    public Guid? PaymentId { get; set; }

    /// <summary>For a payment or a settlement: days after the due date (0 when on time).</summary>
    public int? DaysLate { get; set; }

    /// <summary>For a payment or a settlement undone by a reversal (a bounced cheque): when it was undone.</summary>
    public DateOnly? ReversedOn { get; set; }
}

public static class MovementKinds
{
    public const string Issued = "issued";
    public const string Paid = "paid";
    public const string Settled = "settled";
    public const string Reversed = "reversed";
    public const string CreditNote = "credit-note";
    public const string DebitNote = "debit-note";
    public const string WrittenOff = "written-off";
    public const string Cancelled = "cancelled";
}

/// <summary>Customers whose risk must be scored again. Not tenant-owned (ids only), so one worker can drain every tenant's queue.</summary>
public sealed class RiskQueueEntry
{
    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public DateTimeOffset EnqueuedAt { get; set; }
}

/// <summary>The tenants this service holds customers for, which the daily jobs visit (ADR 0016). Ids only, no RLS.</summary>
public sealed class CustomerTenant
{
    public Guid Id { get; set; }
}

/// <summary>A tenant's credit rules.</summary>
public sealed class CreditSettings : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>An invoice more than this many days overdue puts its customer on hold; null: no such rule.</summary>
    public int? OverdueHoldDays { get; set; }
}
