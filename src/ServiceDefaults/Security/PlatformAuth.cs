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

/// <summary>The staff roles a token's role claims name (Identity grants each its scopes).</summary>
public static class StaffRoleNames
{
    public const string PlatformAdmin = "platform-admin";
    public const string TeamLead = "team-lead";
    public const string Collector = "collector";
    public const string ClientViewer = "client-viewer";

    /// <summary>The client's approver: reads as a client viewer does, and approves credits above the tenant's limit.</summary>
    public const string ClientApprover = "client-approver";
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

    /// <summary>
    /// Configuration of collections: templates (what a client's customers receive), settings (SPOC, department emails),
    /// strategies and aging buckets. Team leads and platform admins hold it; grantable to a partner client.
    /// </summary>
    public const string CollectionsAdmin = "collections.admin";

    /// <summary>
    /// Reducing what a customer owes without cash: a dispute resolved with a credit, a credit note, a write-off, a
    /// cancellation. Team leads, the client's approvers and platform admins hold it; grantable to a partner client.
    /// </summary>
    public const string CreditsApprove = "credits.approve";
    public const string DocumentsRead = "documents.read";
    public const string DocumentsWrite = "documents.write";
    public const string ReportsRead = "reports.read";

    /// <summary>Report settings of the tenant, such as its aging buckets.</summary>
    public const string ReportsWrite = "reports.write";

    public static readonly IReadOnlyList<string> All =
    [
        PlatformAdmin, CustomersRead, CustomersWrite, InvoicesRead, InvoicesWrite,
        CollectionsRead, CollectionsWrite, CollectionsAdmin, CreditsApprove, DocumentsRead, DocumentsWrite, ReportsRead, ReportsWrite,
    ];

    /// <summary>The scopes a tenant's API client may hold (platform.admin is the platform's own).</summary>
    public static readonly IReadOnlyList<string> TenantScopes = [.. All.Where(s => s != PlatformAdmin)];

    /// <summary>The name of a policy met by any one of <paramref name="scopes"/>.</summary>
    public static string AnyOf(params string[] scopes) => string.Join(AnyOfSeparator, scopes);

    /// <summary>The scopes a policy named by <see cref="AnyOf"/> (or by one scope) accepts.</summary>
    public static IReadOnlyList<string> InPolicy(string policy) => policy.Split(AnyOfSeparator);

    private const char AnyOfSeparator = '|';
}
