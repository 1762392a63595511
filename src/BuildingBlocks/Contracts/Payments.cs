using System.Text.Json.Serialization;

namespace ArPlatform.Contracts;

/// <summary>A payment was recorded for a customer: cash received plus TDS the customer deducted.</summary>
public sealed record PaymentReceived(
    Guid TenantId,
    Guid PaymentId,
    Guid CustomerId,
    decimal Amount,
    decimal TdsAmount,
    DateOnly ReceivedOn,
    string Mode,
    string Reference,
    decimal UnappliedAmount,
    DateTimeOffset RecordedAt) : IIntegrationEvent;

/// <summary>Part of a payment settled an invoice as of <see cref="EffectiveDate"/>: cash, TDS and discount together.</summary>
public sealed record PaymentAllocated(
    Guid TenantId,
    Guid PaymentId,
    Guid CustomerId,
    Guid InvoiceId,
    string InvoiceNumber,
    DateOnly DueDate,
    DateOnly EffectiveDate,
    decimal Cash,
    decimal Tds,
    decimal Discount) : IIntegrationEvent
{
    /// <summary>What the allocation takes off the invoice's open amount: cash, TDS and discount together (not sent: derived).</summary>
    [JsonIgnore]
    public decimal Settled => Cash + Tds + Discount;
}

/// <summary>An invoice's open amount reached zero; <see cref="DaysLate"/> is settlement date − due date (0 when on time).</summary>
public sealed record InvoiceSettled(
    Guid TenantId,
    Guid InvoiceId,
    string Number,
    Guid CustomerId,
    DateOnly DueDate,
    DateOnly SettledOn,
    int DaysLate) : IIntegrationEvent;

/// <summary>A payment was reversed (a bounced cheque): what it settled on each invoice is open again from <see cref="ReversedOn"/>.</summary>
public sealed record PaymentReversed(
    Guid TenantId,
    Guid PaymentId,
    Guid CustomerId,
    DateOnly ReversedOn,
    string Reason,
    IReadOnlyList<ReversedSettlement> Invoices) : IIntegrationEvent;

/// <summary>What a reversal reopens on one invoice (cash, TDS and discount together).</summary>
public sealed record ReversedSettlement(Guid InvoiceId, DateOnly DueDate, decimal Amount);
