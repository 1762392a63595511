using System.Security.Claims;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Workbench;

/// <summary>The signed-in person as their token says: roles, tenants, collector code, and what they may do.</summary>
public sealed class CurrentUser(ClaimsPrincipal principal)
{
    public bool IsSignedIn => principal.Identity?.IsAuthenticated == true;

    public string Name => principal.FindFirst("name")?.Value ?? "";

    public string? CollectorCode => principal.FindFirst(PlatformAuth.CollectorClaim)?.Value;

    public IReadOnlyList<string> Roles => [.. principal.FindAll(PlatformAuth.RoleClaim).Select(c => c.Value)];

    public bool IsClientViewer => Roles.Contains("client-viewer") && !Roles.Any(r => r is "collector" or "team-lead" or "platform-admin");

    public bool IsTeamLead => Roles.Any(r => r is "team-lead" or "platform-admin");

    public bool CanWrite => principal.HasScope(Scopes.CollectionsWrite);

    public TenantGrant Tenants => principal.StaffTenants() ?? new TenantGrant(false, []);

    public bool Holds(Guid tenant) => Tenants.Allows(tenant);
}
