namespace ArPlatform.Contracts;

/// <summary>A person to contact at a customer was added (escalation level L1 accounts payable, L2 finance manager, L3 upper management).</summary>
public sealed record CustomerContactAdded(
    Guid TenantId, Guid CustomerId, Guid ContactId, string Name, string? Role, string EscalationLevel, string? Phone, string? Email, string PreferredChannel)
    : IIntegrationEvent;

/// <summary>Dunning reached a credit-hold step: Customers puts the customer on hold by hand (it stays until released), with the reason.</summary>
public sealed record CreditHoldRequested(Guid TenantId, Guid CustomerId, string Reason, DateTimeOffset RequestedAt) : IIntegrationEvent;

/// <summary>The account took a dunning step for the listed invoices on <see cref="BusinessDate"/>; published once per account, step and date.</summary>
public sealed record DunningActionTaken(
    Guid TenantId, Guid ActionId, Guid CustomerId, string StrategyCode, string StepCode, string Action, DateOnly BusinessDate, string[] InvoiceNumbers,
    decimal Amount) : IIntegrationEvent;

/// <summary>A customer promised to pay <see cref="Amount"/> by <see cref="PromisedDate"/> (the named invoices, or the account).</summary>
public sealed record PromiseToPayMade(
    Guid TenantId, Guid PromiseId, Guid CustomerId, decimal Amount, DateOnly PromisedDate, string[] InvoiceNumbers, DateTimeOffset MadeAt) : IIntegrationEvent;

/// <summary>Cash allocated within the promise's window covered its amount.</summary>
public sealed record PromiseToPayKept(
    Guid TenantId, Guid PromiseId, Guid CustomerId, decimal Amount, decimal Collected, DateOnly PromisedDate, DateOnly KeptOn) : IIntegrationEvent;

/// <summary>The promise's window (promised date plus the tenant's grace days) ended without the amount collected.</summary>
public sealed record PromiseToPayBroken(
    Guid TenantId, Guid PromiseId, Guid CustomerId, decimal Amount, decimal Collected, DateOnly PromisedDate, DateOnly BrokenOn) : IIntegrationEvent;

/// <summary>A customer disputed <see cref="Amount"/> of an invoice; routed to <see cref="RoutedTo"/> (a department, the SPOC, or null when nobody is set up).</summary>
public sealed record DisputeRaised(
    Guid TenantId, Guid DisputeId, Guid CustomerId, Guid InvoiceId, string InvoiceNumber, decimal Amount, string Reason, string? RoutedTo,
    DateTimeOffset RaisedAt, DateTimeOffset? SlaDueAt) : IIntegrationEvent;

/// <summary>
/// A dispute was resolved: valid or partial with <see cref="CreditAmount"/> above zero makes Invoices issue a credit note
/// of that amount on the invoice, exactly once per dispute (its number is <see cref="CreditNoteNumber"/>), and only when
/// <see cref="Approval"/> shows who approved it with the right to.
/// </summary>
public sealed record DisputeResolved(
    Guid TenantId, Guid DisputeId, Guid CustomerId, Guid InvoiceId, string InvoiceNumber, string Outcome, decimal CreditAmount, string? Notes,
    DateOnly ResolvedOn, DateTimeOffset ResolvedAt, CreditApproval? Approval = null) : IIntegrationEvent
{
    /// <summary>The credit note's number: one per dispute, so that a repeat cannot issue a second.</summary>
    public string CreditNoteNumber => $"CN-DSP-{DisputeId.ToString("N")[..12].ToUpperInvariant()}";
}

/// <summary>
/// Who approved a reduction of what a customer owes without cash: their id (a person's subject or an API client's id),
/// name, the authority they acted with (their role, or "api-client") and the right their token carried for it.
/// </summary>
public sealed record CreditApproval(string By, string? Name, string Authority, string Right);
