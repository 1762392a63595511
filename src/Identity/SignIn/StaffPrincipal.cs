using System.Security.Claims;
using ArPlatform.Identity.Users;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ArPlatform.Identity.SignIn;

/// <summary>
/// What a staff token says: who (sub, name, email), the roles, the tenants it may act for (one claim each, or one
/// claim "all"), the collector code, and the scopes of the roles. Built again from the user record at every refresh,
/// so a role, a tenant taken away or a disabled account holds from the next access token on.
/// </summary>
public static class StaffPrincipal
{
    /// <summary>Short, because tenants and roles are read again only when the token is refreshed.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);

    public static IReadOnlyList<string> ScopesOf(StaffUser user) =>
        [.. user.Roles.SelectMany(r => StaffRoles.ScopesOf.TryGetValue(r, out var s) ? s : []).Distinct(StringComparer.Ordinal)];

    /// <summary>The principal for <paramref name="user"/> with the requested scopes its roles allow (and offline_access for a refresh token).</summary>
    public static ClaimsPrincipal Create(StaffUser user, IEnumerable<string> requested)
    {
        var allowed = ScopesOf(user).Append(OpenIddictConstants.Scopes.OfflineAccess).ToHashSet(StringComparer.Ordinal);
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id.ToString());
        identity.SetClaim(Claims.Name, user.Name);
        identity.SetClaim(Claims.Email, user.Email);
        identity.SetClaim(PlatformAuth.CollectorClaim, user.CollectorCode);
        identity.SetClaims(PlatformAuth.RoleClaim, [.. user.Roles]);
        identity.SetClaims(PlatformAuth.TenantsClaim, user.AllTenants ? [PlatformAuth.AllTenants] : [.. user.Tenants.Select(t => t.ToString())]);
        identity.SetScopes(requested.Where(allowed.Contains).Distinct(StringComparer.Ordinal));
        identity.SetResources(PlatformAuth.Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        var principal = new ClaimsPrincipal(identity);
        principal.SetAccessTokenLifetime(AccessTokenLifetime);
        return principal;
    }
}
