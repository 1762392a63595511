namespace ArPlatform.Contracts;

/// <summary>Payment terms: due <see cref="NetDays"/> after the invoice date, optional early-payment discount.</summary>
public sealed record CustomerTerms(int NetDays, decimal? DiscountPercent = null, int? DiscountDays = null);

public sealed record CustomerRegistered(
    Guid TenantId, Guid CustomerId, string Code, string Name, string? Gstin, DateTimeOffset RegisteredAt, CustomerTerms? DefaultTerms = null)
    : IIntegrationEvent;

/// <summary>A customer's credit limit changed (who, why, from what to what).</summary>
public sealed record CreditLimitChanged(
    Guid TenantId, Guid CustomerId, decimal? OldLimit, decimal NewLimit, string Reason, string ChangedBy, DateTimeOffset ChangedAt) : IIntegrationEvent;

/// <summary>A customer was put on credit hold or released.</summary>
public sealed record CreditHoldChanged(
    Guid TenantId, Guid CustomerId, bool OnHold, string? Reason, decimal Exposure, decimal? CreditLimit, DateTimeOffset ChangedAt) : IIntegrationEvent;

/// <summary>One factor of a risk score: what it is, its value in words and the points it added (0 = no risk).</summary>
public sealed record RiskFactor(string Factor, string Value, int Points);

/// <summary>A customer's risk rating moved (A best, E worst; null when there is no payment history yet), with the factors behind it.</summary>
public sealed record CustomerRiskChanged(
    Guid TenantId, Guid CustomerId, string? OldRating, string? NewRating, int Score, IReadOnlyList<RiskFactor> Factors, DateOnly ScoredOn)
    : IIntegrationEvent;

/// <summary>
/// A customer's details changed. Carries the whole current state of what other services copy (code, name, default
/// terms, collector, portfolio, status), so a consumer simply overwrites its copy.
/// </summary>
public sealed record CustomerUpdated(
    Guid TenantId, Guid CustomerId, string Code, string Name, string? Gstin, CustomerTerms? DefaultTerms, string? AssignedCollector, string? Portfolio,
    string Status, DateTimeOffset UpdatedAt) : IIntegrationEvent;

/// <summary>
/// Many customers registered together by a CSV import: one message instead of thousands. Consumers treat each entry as
/// a <see cref="CustomerRegistered"/> of the batch's tenant at the batch's time. The tenant and time are said once, not
/// per customer: the message is written, relayed and read in every service that copies customers, and a batch of
/// 5,000 was 1.25 MB.
/// </summary>
public sealed record CustomersRegistered(Guid TenantId, DateTimeOffset RegisteredAt, IReadOnlyList<RegisteredCustomer> Customers) : IIntegrationEvent;

/// <summary>One customer of a <see cref="CustomersRegistered"/> batch.</summary>
public sealed record RegisteredCustomer(Guid CustomerId, string Code, string Name, string? Gstin, CustomerTerms? DefaultTerms = null);
