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

    public DateOnly InvoiceDate { get; set; }

    public DateOnly DueDate { get; set; }

    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    /// <summary>Net days of the payment terms the due date came from, when it came from terms.</summary>
    public int? NetDays { get; set; }

    /// <summary>Early-payment discount: percent off when paid within <see cref="DiscountDays"/> of the invoice date.</summary>
    public decimal? DiscountPercent { get; set; }

    public int? DiscountDays { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A settlement dated before the invoice (an advance, an early credit note) takes effect from the invoice date.</summary>
    public DateOnly EffectiveFrom(DateOnly date) => date < InvoiceDate ? InvoiceDate : date;

    /// <summary>The event for this invoice's open amount reaching zero on <paramref name="on"/>.</summary>
    public InvoiceSettled Settled(DateOnly on) =>
        new(TenantId, Id, Number, CustomerId, DueDate, on, Math.Max(0, on.DayNumber - DueDate.DayNumber));
}
