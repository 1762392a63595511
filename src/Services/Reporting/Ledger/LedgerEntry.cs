using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Reporting.Ledger;

/// <summary>
/// What changed on one day (or, summed, in one month) for one customer: the flows of that day and the change of the
/// not-yet-due receivables. Receivables (AR) are not stored: <see cref="LedgerAmounts.Receivables"/> derives them from the flows.
/// A figure as of a date is the sum of every entry up to it.
/// </summary>
public abstract class LedgerEntry : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>Invoices by their invoice date.</summary>
    public decimal Invoiced { get; set; }

    public decimal DebitNotes { get; set; }

    /// <summary>Cancelled invoices, by the cancellation date.</summary>
    public decimal Cancelled { get; set; }

    /// <summary>What payments settled (cash, TDS deducted and early-payment discount), less what reversals reopened.</summary>
    public decimal Collected { get; set; }

    /// <summary>Credit notes against invoices (credit on account is not receivables).</summary>
    public decimal CreditNotes { get; set; }

    public decimal WrittenOff { get; set; }

    /// <summary>
    /// The change of what is open and not yet due: an amount on an invoice due on D that takes effect on E ≤ D adds to
    /// it from E and leaves it on D + 1, when the invoice falls overdue.
    /// </summary>
    public decimal NotDue { get; set; }

    /// <summary>
    /// What payments settled, each amount times its days late (settled − due; early is negative): divided by
    /// <see cref="Collected"/> over a span, the customer's amount-weighted lateness.
    /// </summary>
    public decimal CollectedDaysLate { get; set; }
}

/// <summary>One customer's entries of one day.</summary>
public sealed class LedgerDay : LedgerEntry
{
    public DateOnly Day { get; set; }

    public Guid CustomerId { get; set; }
}

/// <summary>One customer's entries of one calendar month (<see cref="Month"/> is its first day): the sum of its days.</summary>
public sealed class LedgerMonth : LedgerEntry
{
    public DateOnly Month { get; set; }

    public Guid CustomerId { get; set; }
}

/// <summary>
/// The tenant's entries of one day, spread over a few slots (the tenant's figure is the sum over them): a change adds to
/// one slot picked at random, so concurrent consumers rarely wait on each other's row lock as they would on one row.
/// </summary>
public sealed class TenantLedgerDay : LedgerEntry
{
    public DateOnly Day { get; set; }

    public short Slot { get; set; }
}

/// <summary>The tenant's entries of one calendar month, in slots like <see cref="TenantLedgerDay"/>.</summary>
public sealed class TenantLedgerMonth : LedgerEntry
{
    public DateOnly Month { get; set; }

    public short Slot { get; set; }
}

/// <summary>That a tenant's ledger holds all of its events: built once from the event tables, then kept by every change.</summary>
public sealed class LedgerState : ITenantOwned
{
    public Guid TenantId { get; set; }

    public DateTimeOffset BuiltAt { get; set; }
}
