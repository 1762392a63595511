using System.Security.Claims;

namespace ArPlatform.ServiceDefaults.Security;

/// <summary>
/// Who does something, as the records of privileged changes keep it: a person (their subject, name and roles) or an
/// API client (its client id; a tenant's API client is the client organisation's own system). Rights are the scopes
/// the token carries (none for an actor rebuilt from a record).
/// </summary>
public sealed record Actor(string Id, string? Name, IReadOnlyList<string> Roles, bool IsApiClient, IReadOnlyList<string>? Rights = null)
{
    public static readonly Actor Unknown = new("unknown", null, [], false);

    public bool Holds(string scope) => Rights?.Contains(scope, StringComparer.Ordinal) == true;

    /// <summary>The role held, or "api-client": what a record shows as the authority someone acted with.</summary>
    public string Authority => IsApiClient ? "api-client" : Roles.Count > 0 ? string.Join(",", Roles) : "unknown";

    /// <summary>How a record names them: "Asha Rao (team-lead, 3f2c...)" or "api-client erp-sync".</summary>
    public string Display => IsApiClient ? $"api-client {Id}" : $"{Name ?? Id} ({Authority}, {Id})";

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}

public static class ActorExtensions
{
    public static Actor Actor(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Security.Actor.Unknown;
        }

        var staff = user.HasClaim(c => c.Type == PlatformAuth.TenantsClaim);
        var roles = user.FindAll(PlatformAuth.RoleClaim).Select(c => c.Value).ToList();
        var rights = Scopes.All.Where(user.HasScope).ToList();
        return staff
            ? new Actor(user.FindFirst("sub")?.Value ?? "unknown", user.FindFirst("name")?.Value, roles, false, rights)
            : new Actor(user.FindFirst(PlatformAuth.ClientIdClaim)?.Value ?? user.FindFirst("sub")?.Value ?? "unknown", null, roles, true, rights);
    }
}
