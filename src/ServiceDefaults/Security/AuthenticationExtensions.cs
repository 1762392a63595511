using System.Security.Claims;
using ArPlatform.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace ArPlatform.ServiceDefaults.Security;

public static class AuthenticationExtensions
{
    /// <summary>
    /// Validates the platform's access tokens (signature from the identity service's published keys, issuer,
    /// audience, lifetime) and adds one authorization policy per scope, named after the scope.
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
        });
        builder.Services.AddAuthorizationBuilder().AddScopePolicies();
        return builder;
    }

    public static Microsoft.AspNetCore.Authorization.AuthorizationBuilder AddScopePolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder)
    {
        foreach (var scope in Scopes.All)
        {
            builder.AddPolicy(scope, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.HasScope(scope)));
        }

        return builder;
    }

    /// <summary>Scopes arrive as one space-separated "scope" claim (RFC 9068) or as several claims.</summary>
    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.FindAll(PlatformAuth.ScopeClaim).Any(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal));

    public static Guid? TenantId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(PlatformAuth.TenantClaim)?.Value, out var id) ? id : null;

    /// <summary>Sets the request's tenant from the validated token, and only from it.</summary>
    public static IApplicationBuilder UseTenantFromToken(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.TenantId() is { } tenantId)
        {
            context.RequestServices.GetRequiredService<TenantContext>().Set(tenantId);
        }

        await next(context);
    });
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
}

/// <summary>The scope an endpoint requires, as endpoint metadata (read by the OpenAPI document's security requirements).</summary>
public sealed record RequiredScope(string Scope);
