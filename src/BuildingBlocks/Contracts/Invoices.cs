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
    DateTimeOffset IssuedAt,
    string? CustomerCode = null,
    string? DealerCode = null) : IIntegrationEvent;

/// <summary>An invoice was cancelled (nothing had been applied to it): it is no longer owed from <see cref="CancelledOn"/>.</summary>
public sealed record InvoiceCancelled(
    Guid TenantId, Guid InvoiceId, string Number, Guid CustomerId, DateOnly DueDate, decimal Amount, DateOnly CancelledOn, string Reason)
    : IIntegrationEvent;

/// <summary>What was open on an invoice (all of it or the rest) was written off as uncollectable from <see cref="WrittenOffOn"/>.</summary>
public sealed record InvoiceWrittenOff(
    Guid TenantId, Guid InvoiceId, string Number, Guid CustomerId, DateOnly DueDate, decimal Amount, DateOnly WrittenOffOn, string Reason)
    : IIntegrationEvent;

/// <summary>A debit note added <see cref="Amount"/> to an invoice from <see cref="Date"/>.</summary>
public sealed record DebitNoteIssued(
    Guid TenantId, Guid DebitNoteId, string Number, Guid CustomerId, DateOnly Date, decimal Amount, Guid InvoiceId, string InvoiceNumber, DateOnly InvoiceDueDate)
    : IIntegrationEvent;

/// <summary>An invoice passed its due date with money still open on it; published once per invoice.</summary>
public sealed record InvoiceBecameOverdue(
    Guid TenantId, Guid InvoiceId, string Number, Guid CustomerId, DateOnly DueDate, decimal OpenAmount, DateOnly DetectedOn) : IIntegrationEvent;

/// <summary>An open invoice falls due within the tenant's notice period; published once per invoice.</summary>
public sealed record InvoiceDueSoon(
    Guid TenantId, Guid InvoiceId, string Number, Guid CustomerId, DateOnly DueDate, decimal OpenAmount, int DaysToDue) : IIntegrationEvent;

/// <summary>
/// Many invoices issued together by a bulk import: one message instead of thousands, so the broker is not the
/// bottleneck. Consumers treat it exactly as the <see cref="InvoiceIssued"/> events it contains.
/// </summary>
public sealed record InvoicesIssued(Guid TenantId, IReadOnlyList<InvoiceIssued> Invoices) : IIntegrationEvent;
