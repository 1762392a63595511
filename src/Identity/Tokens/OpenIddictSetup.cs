using ArPlatform.Identity.Persistence;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace ArPlatform.Identity.Tokens;

public static class OpenIddictSetup
{
    /// <summary>
    /// OpenIddict issues client-credentials JWTs signed with the environment's RSA key (not encrypted, so every
    /// service can validate them from the published key set at /.well-known/jwks).
    /// </summary>
    public static IHostApplicationBuilder AddTokenServer(this IHostApplicationBuilder builder)
    {
        var issuer = builder.Configuration["Identity:Issuer"] ?? PlatformAuth.DefaultIssuer;
        var lifetime = builder.Configuration.GetValue("Identity:AccessTokenLifetime", TimeSpan.FromMinutes(60));
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(options =>
            {
                options.SetIssuer(new Uri(issuer));
                options.SetTokenEndpointUris("connect/token");
                options.AllowClientCredentialsFlow();
                options.RegisterScopes([.. Scopes.All]);
                options.SetAccessTokenLifetime(lifetime);
                options.DisableAccessTokenEncryption();
                // Only access tokens are issued and none is encrypted: an ephemeral encryption key satisfies OpenIddict.
                options.AddEphemeralEncryptionKey();
                options.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    // TLS ends at the ingress in front of the gateway; the services talk plain HTTP on the inside.
                    .DisableTransportSecurityRequirement();
            });
        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<SigningKeyStore>((options, keys) =>
            options.SigningCredentials.Add(new SigningCredentials(keys.Key, SecurityAlgorithms.RsaSha256)));
        // Identity validates its own tokens with the key itself rather than fetching its own metadata over HTTP.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKeyStore>((options, keys) =>
            options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => [keys.Key]);
        return builder;
    }
}
