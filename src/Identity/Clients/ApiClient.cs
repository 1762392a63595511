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

    /// <summary>Set while the client is disabled: it gets no token and its tokens are refused everywhere (ADR 0028).</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>Who disabled it, or (once enabled again, <see cref="DisabledAt"/> null) who enabled it.</summary>
    public string? DisabledBy { get; set; }

    public DateTimeOffset? EnabledAt { get; set; }

    public string? EnabledBy { get; set; }

    public DateTimeOffset? SecretRotatedAt { get; set; }

    public string? SecretRotatedBy { get; set; }

    /// <summary>The secret before the last rotation, as OpenIddict hashes secrets (PBKDF2), valid until <see cref="PreviousSecretValidUntil"/>.</summary>
    public string? PreviousSecretHash { get; set; }

    public DateTimeOffset? PreviousSecretValidUntil { get; set; }
}
