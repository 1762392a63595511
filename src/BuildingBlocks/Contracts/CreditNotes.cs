namespace ArPlatform.Contracts;

/// <summary>
/// A credit note reduced what the customer owes from <see cref="Date"/>: on one invoice when <see cref="InvoiceId"/>
/// is set (with its due date), otherwise as credit on account.
/// </summary>
public sealed record CreditNoteIssued(
    Guid TenantId,
    Guid CreditNoteId,
    string Number,
    Guid CustomerId,
    DateOnly Date,
    decimal Amount,
    Guid? InvoiceId,
    string? InvoiceNumber,
    DateOnly? InvoiceDueDate) : IIntegrationEvent;
