using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;

namespace ArPlatform.Invoices.Invoices;

/// <summary>A sale on credit: open for its amount from the invoice date until paid, due on the due date.</summary>
public sealed class Invoice : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Number { get; set; }

    public Guid CustomerId { get; set; }

    public string? CustomerCode { get; set; }

    public DateOnly InvoiceDate { get; set; }

    public DateOnly DueDate { get; set; }

    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    /// <summary>Net days of the payment terms the due date came from, when it came from terms.</summary>
    public int? NetDays { get; set; }

    /// <summary>Early-payment discount: percent off when paid within <see cref="DiscountDays"/> of the invoice date.</summary>
    public decimal? DiscountPercent { get; set; }

    public int? DiscountDays { get; set; }

    /// <summary>Totals of the lines (null when the invoice was given as an amount only).</summary>
    public decimal? TaxableValue { get; set; }

    public decimal? Cgst { get; set; }

    public decimal? Sgst { get; set; }

    public decimal? Igst { get; set; }

    public List<InvoiceLine> Lines { get; set; } = [];

    public string? PoReference { get; set; }

    public string? DealerCode { get; set; }

    /// <summary>The statutory form the sale expects from the buyer: none, C, F, H, I, E-I, E-II.</summary>
    public string StatutoryForm { get; set; } = StatutoryForms.None;

    public string? ExpectedTdsSection { get; set; }

    public decimal? ExpectedTdsRate { get; set; }

    /// <summary>What is still open: the sum of the invoice's ledger entries, kept by the database as entries are posted (ADR 0015).</summary>
    public decimal OpenAmount { get; set; }

    /// <summary>Written off so far (kept by the database, like <see cref="OpenAmount"/>).</summary>
    public decimal WrittenOff { get; set; }

    /// <summary>Added by debit notes so far (kept by the database): the invoice owes <see cref="Amount"/> plus this.</summary>
    public decimal Debited { get; set; }

    /// <summary>One of <see cref="InvoiceStatuses"/>, computed by the database from the kept sums (<see cref="InvoiceStatuses.Sql"/>).</summary>
    public string Status { get; set; } = InvoiceStatuses.Open;

    public DateOnly? CancelledOn { get; set; }

    public string? CancellationReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>TDS the customer is expected to deduct: the rate on the value before GST (CBDT circular 23/2017).</summary>
    public decimal? ExpectedTdsAmount => ExpectedTdsRate is { } rate
        ? decimal.Round((TaxableValue ?? Amount) * rate / 100m, 2, MidpointRounding.AwayFromZero)
        : null;

    /// <summary>A settlement dated before the invoice (an advance, an early credit note) takes effect from the invoice date.</summary>
    public DateOnly EffectiveFrom(DateOnly date) => date < InvoiceDate ? InvoiceDate : date;

    /// <summary>The event for this invoice's open amount reaching zero on <paramref name="on"/>.</summary>
    public InvoiceSettled Settled(DateOnly on) => SettledEvent(TenantId, Id, Number, CustomerId, DueDate, on);

    public static InvoiceSettled SettledEvent(Guid tenantId, Guid invoiceId, string number, Guid customerId, DateOnly dueDate, DateOnly on) =>
        new(tenantId, invoiceId, number, customerId, dueDate, on, Math.Max(0, on.DayNumber - dueDate.DayNumber));

    public InvoiceIssued Issued() =>
        new(TenantId, Id, Number, CustomerId, InvoiceDate, DueDate, Amount, Currency, CreatedAt, CustomerCode, DealerCode);
}

/// <summary>One line of a GST invoice; its values add up to the paisa (checked when the invoice is issued).</summary>
public sealed class InvoiceLine : ITenantOwned
{
    public Guid InvoiceId { get; set; }

    public Guid TenantId { get; set; }

    public int LineNumber { get; set; }

    public required string Description { get; set; }

    public string? HsnSac { get; set; }

    public decimal Quantity { get; set; }

    public decimal UnitPrice { get; set; }

    public decimal TaxableValue { get; set; }

    public decimal Cgst { get; set; }

    public decimal Sgst { get; set; }

    public decimal Igst { get; set; }

    public decimal LineTotal { get; set; }
}

public static class StatutoryForms
{
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [None, "C", "F", "H", "I", "E-I", "E-II"];
}

public static class InvoiceStatuses
{
    public const string Open = "open";
    public const string PartiallyPaid = "partially paid";
    public const string Paid = "paid";
    public const string Cancelled = "cancelled";
    public const string WrittenOff = "written off";

    public static readonly IReadOnlyList<string> All = [Open, PartiallyPaid, Paid, Cancelled, WrittenOff];

    /// <summary>The one rule of an invoice's status, as the stored column the database computes from the kept sums.</summary>
    public const string Sql = $"""
        CASE WHEN cancelled_on IS NOT NULL THEN '{Cancelled}'
             WHEN open_amount <= 0 THEN CASE WHEN written_off > 0 THEN '{WrittenOff}' ELSE '{Paid}' END
             WHEN open_amount < amount THEN '{PartiallyPaid}'
             ELSE '{Open}' END
        """;
}
