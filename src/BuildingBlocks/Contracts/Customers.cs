namespace ArPlatform.Contracts;

public sealed record CustomerRegistered(Guid TenantId, Guid CustomerId, string Code, string Name, string? Gstin, DateTimeOffset RegisteredAt)
    : IIntegrationEvent;
