using System.Security.Claims;
using ArPlatform.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace ArPlatform.ServiceDefaults.Security;

public static class AuthenticationExtensions
{
    private const string RefusalItem = "arplatform.token-refusal";
    private const string ListUnknownItem = "arplatform.revocations-unknown";

    /// <summary>
    /// Validates the platform's access tokens (signature from the identity service's published keys, issuer,
    /// audience, lifetime, and the revocation list: a suspended tenant, a disabled client, ended sessions, see
    /// <see cref="TokenRevocations"/>) and adds one authorization policy per scope, named after the scope.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        var issuer = builder.Configuration["Identity:Issuer"] ?? PlatformAuth.DefaultIssuer;
        var identityUrl = builder.Configuration["Identity:Url"]
            ?? builder.Configuration[$"services:{ResourceNames.Identity}:http:0"]
            ?? builder.Configuration[$"services:{ResourceNames.Identity}:https:0"];
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            if (identityUrl is not null)
            {
                options.MetadataAddress = $"{identityUrl.TrimEnd('/')}/.well-known/openid-configuration";
                // Plain-http metadata inside the cluster is allowed only where configured (Development does by default).
                options.RequireHttpsMetadata = builder.Configuration.GetValue("Identity:RequireHttpsMetadata", !builder.Environment.IsDevelopment());
            }

            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = issuer,
                ValidAudience = PlatformAuth.Audience,
                NameClaimType = PlatformAuth.ClientIdClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            options.Events = new JwtBearerEvents { OnTokenValidated = CheckRevocationsAsync, OnChallenge = ExplainRefusalAsync };
        });
        TokenRevocations.AddTokenRevocations(builder.Services);
        builder.Services.AddAuthorizationBuilder().AddScopePolicies();
        return builder;
    }

    private static async Task CheckRevocationsAsync(TokenValidatedContext context)
    {
        var list = await context.HttpContext.RequestServices.GetRequiredService<TokenRevocations>().CurrentAsync(context.HttpContext.RequestAborted);
        if (list is null)
        {
            context.HttpContext.Items[ListUnknownItem] = true;
            context.Fail("The revocation list cannot be read.");
        }
        else if (list.Refusal(context.Principal!) is { } refusal)
        {
            context.HttpContext.Items[RefusalItem] = refusal;
            context.Fail(refusal);
        }
    }

    /// <summary>A taken-back token: 401 saying why. The revocation list unknown: 503, try again shortly (fail safe, not open).</summary>
    private static async Task ExplainRefusalAsync(JwtBearerChallengeContext context)
    {
        if (context.HttpContext.Items.ContainsKey(ListUnknownItem))
        {
            context.HandleResponse();
            context.Response.Headers.RetryAfter = "5";
            await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Tokens cannot be checked right now.",
                detail: "The list of revoked access cannot be read; no token is accepted unchecked. Retry in a few seconds.").ExecuteAsync(context.HttpContext);
        }
        else if (context.HttpContext.Items[RefusalItem] is string refusal)
        {
            context.Error = "invalid_token";
            context.ErrorDescription = refusal;
        }
    }

    public static Microsoft.AspNetCore.Authorization.AuthorizationBuilder AddScopePolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder)
    {
        foreach (var scope in Scopes.All)
        {
            builder.AddPolicy(scope, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.HasScope(scope)));
        }

        return builder;
    }

    /// <summary>Policies named by <see cref="Scopes.AnyOf"/>: met by a token with any one of the scopes.</summary>
    public static Microsoft.AspNetCore.Authorization.AuthorizationBuilder AddAnyOfScopePolicies(
        this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder, IEnumerable<string> policies)
    {
        foreach (var name in policies.Where(p => Scopes.InPolicy(p).Count > 1).Distinct(StringComparer.Ordinal))
        {
            var scopes = Scopes.InPolicy(name);
            builder.AddPolicy(name, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => scopes.Any(c.User.HasScope)));
        }

        return builder;
    }

    /// <summary>Scopes arrive as one space-separated "scope" claim (RFC 9068) or as several claims.</summary>
    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.FindAll(PlatformAuth.ScopeClaim).Any(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal));

    public static Guid? TenantId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(PlatformAuth.TenantClaim)?.Value, out var id) ? id : null;

    /// <summary>Who calls: the person (subject) of a staff token, the API client of any other.</summary>
    public static string? Caller(this ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == PlatformAuth.TenantsClaim)
            ? user.FindFirst("sub")?.Value
            : user.FindFirst(PlatformAuth.ClientIdClaim)?.Value ?? user.FindFirst("sub")?.Value;

    /// <summary>The tenants a staff token may act for; null for a token that is not a staff token.</summary>
    public static TenantGrant? StaffTenants(this ClaimsPrincipal user)
    {
        var values = user.FindAll(PlatformAuth.TenantsClaim).Select(c => c.Value).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        return values.Contains(PlatformAuth.AllTenants, StringComparer.Ordinal)
            ? new TenantGrant(true, [])
            : new TenantGrant(false, [.. values.Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)]);
    }

    /// <summary>
    /// Sets the request's tenant from the validated token, and only from it. A partner's token carries its tenant. A
    /// staff token carries the tenants it may act for, and the request names one with <c>X-Tenant</c> (needless when
    /// it grants exactly one): 400 when the header is no tenant id, 403 when the token does not grant it. With any
    /// other request the header means nothing and is removed, so that the gateway never forwards it.
    /// </summary>
    public static IApplicationBuilder UseTenantFromToken(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        var header = context.Request.Headers[PlatformAuth.TenantHeader].ToString();
        var grant = user.Identity?.IsAuthenticated == true && user.TenantId() is null ? user.StaffTenants() : null;
        if (grant is null)
        {
            context.Request.Headers.Remove(PlatformAuth.TenantHeader);
            if (user.Identity?.IsAuthenticated == true && user.TenantId() is { } tenantId)
            {
                context.RequestServices.GetRequiredService<TenantContext>().Set(tenantId);
            }

            await next(context);
            return;
        }

        Guid? chosen = grant is { All: false, Tenants: [var only] } ? only : null;
        if (header.Length > 0)
        {
            if (!Guid.TryParse(header, out var named))
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "X-Tenant is not a tenant id.",
                    detail: $"The X-Tenant header must name a tenant by its id (a GUID); '{header}' is not one.").ExecuteAsync(context);
                return;
            }

            if (!grant.Allows(named))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You do not work for this tenant.",
                    detail: $"Your sign-in does not give you tenant {named}. Choose one of your tenants, or ask your administrator to add it.").ExecuteAsync(context);
                return;
            }

            chosen = named;
        }

        if (chosen is { } acting && context.RequestServices.GetService<TokenRevocations>() is { } revocations
            && await revocations.CurrentAsync(context.RequestAborted) is { } list && list.IsTenantSuspended(acting))
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This tenant is suspended.",
                detail: $"Tenant {acting} is suspended: nothing can be done for it until a platform administrator reinstates it.").ExecuteAsync(context);
            return;
        }

        if (chosen is { } tenant)
        {
            user.AddIdentity(new ClaimsIdentity([new Claim(PlatformAuth.TenantClaim, tenant.ToString())]));
            context.RequestServices.GetRequiredService<TenantContext>().Set(tenant);
        }

        await next(context);
    });
}

/// <summary>The tenants a staff token grants: all of them, or a list.</summary>
public sealed record TenantGrant(bool All, IReadOnlyList<Guid> Tenants)
{
    public bool Allows(Guid tenant) => All || Tenants.Contains(tenant);
}

/// <summary>Helpers for endpoints that act for the caller's tenant.</summary>
public static class TenantEndpointExtensions
{
    /// <summary>Requires the scope and a tenant in the token: a platform token without a tenant gets 403.</summary>
    public static TBuilder RequireTenantScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.HasScope(scope) && c.User.TenantId() is not null))
            .WithMetadata(new RequiredScope(scope));

    /// <summary>Requires any one of the scopes and a tenant in the token; the use case decides what each scope allows.</summary>
    public static TBuilder RequireTenantScopeAnyOf<TBuilder>(this TBuilder builder, params string[] scopes) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(c => scopes.Any(c.User.HasScope) && c.User.TenantId() is not null))
            .WithMetadata([.. scopes.Select(s => new RequiredScope(s))]);
}

/// <summary>The scope an endpoint requires, as endpoint metadata (read by the OpenAPI document's security requirements).</summary>
public sealed record RequiredScope(string Scope);
