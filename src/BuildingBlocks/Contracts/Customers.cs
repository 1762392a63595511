namespace ArPlatform.Contracts;

/// <summary>Payment terms: due <see cref="NetDays"/> after the invoice date, optional early-payment discount.</summary>
public sealed record CustomerTerms(int NetDays, decimal? DiscountPercent = null, int? DiscountDays = null);

public sealed record CustomerRegistered(
    Guid TenantId, Guid CustomerId, string Code, string Name, string? Gstin, DateTimeOffset RegisteredAt, CustomerTerms? DefaultTerms = null)
    : IIntegrationEvent;
