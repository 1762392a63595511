namespace ArPlatform.ServiceDefaults.Security;

/// <summary>The token contract between the identity service, the gateway and every service.</summary>
public static class PlatformAuth
{
    /// <summary>The issuer of every access token (fixed, so that every replica and the gateway agree on it).</summary>
    public const string DefaultIssuer = "https://identity.arplatform.local/";

    /// <summary>The audience of access tokens for the platform's APIs.</summary>
    public const string Audience = "arplatform-api";

    public const string TenantClaim = "tenant_id";
    public const string ScopeClaim = "scope";
    public const string ClientIdClaim = "client_id";
    public const string AdminClientId = "platform-admin";

    /// <summary>A staff token's tenants: one claim per tenant id, or one claim <see cref="AllTenants"/>.</summary>
    public const string TenantsClaim = "tenants";

    public const string AllTenants = "all";

    /// <summary>What customers' assignedCollector holds for the signed-in person.</summary>
    public const string CollectorClaim = "collector_code";

    public const string RoleClaim = "role";

    /// <summary>The header naming the tenant a staff request acts for.</summary>
    public const string TenantHeader = "X-Tenant";

    /// <summary>The workbench's OAuth client (public, authorization code with PKCE).</summary>
    public const string WorkbenchClientId = "workbench";
}

public static class Scopes
{
    public const string PlatformAdmin = "platform.admin";
    public const string CustomersRead = "customers.read";
    public const string CustomersWrite = "customers.write";
    public const string InvoicesRead = "invoices.read";
    public const string InvoicesWrite = "invoices.write";
    public const string CollectionsRead = "collections.read";
    public const string CollectionsWrite = "collections.write";
    public const string DocumentsRead = "documents.read";
    public const string DocumentsWrite = "documents.write";
    public const string ReportsRead = "reports.read";

    /// <summary>Report settings of the tenant, such as its aging buckets.</summary>
    public const string ReportsWrite = "reports.write";

    public static readonly IReadOnlyList<string> All =
    [
        PlatformAdmin, CustomersRead, CustomersWrite, InvoicesRead, InvoicesWrite,
        CollectionsRead, CollectionsWrite, DocumentsRead, DocumentsWrite, ReportsRead, ReportsWrite,
    ];

    /// <summary>The scopes a tenant's API client may hold (platform.admin is the platform's own).</summary>
    public static readonly IReadOnlyList<string> TenantScopes = [.. All.Where(s => s != PlatformAdmin)];
}
