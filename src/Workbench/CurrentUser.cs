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

    /// <summary>A person of the client (a viewer or its approver), who sees the client's screens and does no collection work.</summary>
    public bool IsClientViewer => Roles.Any(r => r is StaffRoleNames.ClientViewer or StaffRoleNames.ClientApprover)
        && !Roles.Any(r => r is StaffRoleNames.Collector or StaffRoleNames.TeamLead or StaffRoleNames.PlatformAdmin);

    public bool IsTeamLead => Roles.Any(r => r is StaffRoleNames.TeamLead or StaffRoleNames.PlatformAdmin);

    public bool CanWrite => principal.HasScope(Scopes.CollectionsWrite);

    public bool CanApproveCredits => principal.HasScope(Scopes.CreditsApprove);

    public TenantGrant Tenants => principal.StaffTenants() ?? new TenantGrant(false, []);

    public bool Holds(Guid tenant) => Tenants.Allows(tenant);
}
