namespace ArPlatform.Contracts;

public sealed record TenantCreated(Guid TenantId, string Code, string Name, DateTimeOffset CreatedAt) : IIntegrationEvent;
