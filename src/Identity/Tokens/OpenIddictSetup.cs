using ArPlatform.Identity.Persistence;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;

namespace ArPlatform.Identity.Tokens;

public static class OpenIddictSetup
{
    /// <summary>
    /// OpenIddict issues access tokens as JWTs signed with the environment's RSA key (not encrypted, so every service
    /// can validate them from the published key set at /.well-known/jwks): client credentials for partners' machines,
    /// authorization code with PKCE and refresh tokens for staff.
    /// </summary>
    public static IHostApplicationBuilder AddTokenServer(this IHostApplicationBuilder builder)
    {
        var issuer = builder.Configuration["Identity:Issuer"] ?? PlatformAuth.DefaultIssuer;
        var lifetime = builder.Configuration.GetValue("Identity:AccessTokenLifetime", TimeSpan.FromMinutes(60));
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddOpenIddict()
            .AddCore(options =>
            {
                options.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>();
                // A rotated client secret stays valid beside the new one until it expires or is retired (ADR 0028).
                options.ReplaceApplicationManager<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication, Clients.RolloverApplicationManager>();
            })
            .AddServer(options =>
            {
                options.SetIssuer(new Uri(issuer));
                options.SetTokenEndpointUris("connect/token")
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetEndSessionEndpointUris("connect/logout")
                    .SetRevocationEndpointUris("connect/revoke");
                options.AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow();
                options.RegisterScopes([.. Scopes.All, OpenIddictConstants.Scopes.OfflineAccess]);
                options.SetAccessTokenLifetime(lifetime);
                options.SetRefreshTokenLifetime(builder.Configuration.GetValue("Identity:RefreshTokenLifetime", TimeSpan.FromHours(12)));
                // A refresh token's successor keeps its expiry: a session ends 12 hours after sign-in, in use or not.
                options.DisableSlidingRefreshTokenExpiration();
                options.DisableAccessTokenEncryption();
                options.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // TLS ends at the ingress in front of the gateway; the services talk plain HTTP on the inside.
                    .DisableTransportSecurityRequirement();
            });
        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<SigningKeyStore>((options, keys) =>
        {
            options.SigningCredentials.Add(new SigningCredentials(keys.Key, SecurityAlgorithms.RsaSha256));
            // Codes and refresh tokens are encrypted with a key every replica shares and a restart keeps.
            options.EncryptionCredentials.Add(new EncryptingCredentials(keys.EncryptionKey, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        });
        // Identity validates its own tokens with the key itself rather than fetching its own metadata over HTTP.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKeyStore>((options, keys) =>
            options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => [keys.Key]);
        return builder;
    }
}
