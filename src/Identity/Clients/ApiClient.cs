namespace ArPlatform.Identity.Clients;

/// <summary>A tenant's API client (a partner's ERP, a bank): its OAuth2 application is kept by OpenIddict.</summary>
public sealed class ApiClient
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string ClientId { get; set; }

    public required string Name { get; set; }

    public List<string> Scopes { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
