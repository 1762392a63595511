namespace ArPlatform.Contracts;

/// <summary>An invoice was recorded: it is open for <see cref="Amount"/> from <see cref="InvoiceDate"/>.</summary>
public sealed record InvoiceIssued(
    Guid TenantId,
    Guid InvoiceId,
    string Number,
    Guid CustomerId,
    DateOnly InvoiceDate,
    DateOnly DueDate,
    decimal Amount,
    string Currency,
    DateTimeOffset IssuedAt) : IIntegrationEvent;
