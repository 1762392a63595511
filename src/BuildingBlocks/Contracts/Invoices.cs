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
/// bottleneck. Consumers treat it exactly as the <see cref="InvoiceIssued"/> events it contains (<see cref="ToInvoices"/>).
/// Column by column, the i-th entry of every array being the i-th invoice, and the tenant and time said once: as JSON it
/// is well under half the bytes and read time of a list of <see cref="InvoiceIssued"/>, for the broker and every
/// consumer (ADR 0005). It replaced <c>InvoicesIssued</c>, that list.
/// </summary>
public sealed record InvoiceBatchIssued(
    Guid TenantId,
    DateTimeOffset IssuedAt,
    Guid[] InvoiceIds,
    string[] Numbers,
    Guid[] CustomerIds,
    string?[] CustomerCodes,
    DateOnly[] InvoiceDates,
    DateOnly[] DueDates,
    decimal[] Amounts,
    string[] Currencies,
    string?[] DealerCodes) : IIntegrationEvent
{
    /// <summary>The batch of invoices issued together (at the first one's time).</summary>
    public static InvoiceBatchIssued Of(Guid tenantId, IReadOnlyList<InvoiceIssued> invoices) => new(
        tenantId,
        invoices.Count > 0 ? invoices[0].IssuedAt : throw new ArgumentException("A batch holds at least one invoice.", nameof(invoices)),
        [.. invoices.Select(i => i.InvoiceId)],
        [.. invoices.Select(i => i.Number)],
        [.. invoices.Select(i => i.CustomerId)],
        [.. invoices.Select(i => i.CustomerCode)],
        [.. invoices.Select(i => i.InvoiceDate)],
        [.. invoices.Select(i => i.DueDate)],
        [.. invoices.Select(i => i.Amount)],
        [.. invoices.Select(i => i.Currency)],
        [.. invoices.Select(i => i.DealerCode)]);

    public IEnumerable<InvoiceIssued> ToInvoices() => InvoiceIds.Select((id, i) => new InvoiceIssued(
        TenantId, id, Numbers[i], CustomerIds[i], InvoiceDates[i], DueDates[i], Amounts[i], Currencies[i], IssuedAt, CustomerCodes[i], DealerCodes[i]));
}
