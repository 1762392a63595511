using System.Security.Claims;
using ArPlatform.Identity.Persistence;
using ArPlatform.Identity.SignIn;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Scopes = ArPlatform.ServiceDefaults.Security.Scopes;

namespace ArPlatform.Identity.Tokens;

/// <summary>
/// The token endpoint. Client credentials (RFC 6749 §4.4): OpenIddict has already authenticated the client (hashed
/// secret) and checked that it may use the grant and the scopes it asks for; this adds the tenant and issues the JWT.
/// Authorization codes and refresh tokens: a staff token (<see cref="StaffPrincipal"/>).
/// </summary>
public static class TokenEndpoint
{
    public static void MapTokenEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/connect/token", IssueAsync).ExcludeFromDescription().AllowAnonymous();

    private static async Task<IResult> IssueAsync(HttpContext http, IOpenIddictApplicationManager applications, IdentityDbContext db)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            return await StaffTokenAsync(http, db);
        }

        if (!request.IsClientCredentialsGrantType())
        {
            return Forbid(Errors.UnsupportedGrantType, "Use grant_type=client_credentials, authorization_code or refresh_token.");
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!)
            ?? throw new InvalidOperationException("The client was authenticated but cannot be found.");
        var client = await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == request.ClientId);
        var isAdmin = request.ClientId == PlatformAuth.AdminClientId;
        if (client is null && !isAdmin)
        {
            return Forbid(Errors.InvalidClient, "The client belongs to no tenant.");
        }

        // Taken back (ADR 0028): refused here at once, and by every service through the revocation list.
        if (client?.DisabledAt is not null)
        {
            return Forbid(Errors.InvalidClient, "The client is disabled: ask the platform administrator.");
        }

        if (client is not null && await db.Tenants.AsNoTracking().AnyAsync(t => t.Id == client.TenantId && t.SuspendedAt != null))
        {
            return Forbid(Errors.InvalidClient, "The client's tenant is suspended: ask the platform administrator.");
        }

        var granted = isAdmin ? [Scopes.PlatformAdmin] : client!.Scopes;
        var requested = request.GetScopes();
        var scopes = requested.IsDefaultOrEmpty ? granted : [.. requested.Intersect(granted, StringComparer.Ordinal)];

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Subject, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application));
        if (client is not null)
        {
            identity.SetClaim(PlatformAuth.TenantClaim, client.TenantId.ToString());
        }

        identity.SetScopes(scopes);
        identity.SetResources(PlatformAuth.Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// A code or a refresh token OpenIddict has validated (PKCE, expiry, one use): the user is read again, so a
    /// disabled account gets no new token and changed roles or tenants hold at once; scopes never grow past the first grant.
    /// </summary>
    private static async Task<IResult> StaffTokenAsync(HttpContext http, IdentityDbContext db)
    {
        var granted = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var user = Guid.TryParse(granted?.GetClaim(Claims.Subject), out var id)
            ? await db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id)
            : null;
        if (user is null || user.Disabled)
        {
            return Forbid(Errors.InvalidGrant, "The account is disabled or no longer exists: sign in again or ask your administrator.");
        }

        // A code or refresh token from before the password was reset: the session it belongs to has ended (they were
        // revoked then too; this holds besides). Creation dates are kept to the second.
        if (user.SessionsEndedAt is { } ended && granted!.GetCreationDate() is { } created && created.ToUnixTimeSeconds() < ended.ToUnixTimeSeconds())
        {
            return Forbid(Errors.InvalidGrant, "The session has ended (the password was changed): sign in again.");
        }

        return Results.SignIn(StaffPrincipal.Create(user, granted!.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new Microsoft.AspNetCore.Authentication.AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
