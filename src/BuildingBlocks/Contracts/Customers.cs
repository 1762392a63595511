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
