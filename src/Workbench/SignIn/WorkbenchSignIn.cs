using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using StackExchange.Redis;

namespace ArPlatform.Workbench.SignIn;

/// <summary>
/// Sign-in through Identity: OAuth2 authorization code with PKCE (the workbench is a public client), the tokens kept
/// in the workbench's encrypted cookie and never given to the browser's scripts, the access token refreshed before it
/// runs out, and sign-out that revokes the refresh token and ends Identity's session too (ADR 0022).
/// </summary>
public static class WorkbenchSignIn
{
    public const string PathBase = "/app";
    public const string CookieScheme = "workbench";
    public const string IdentityScheme = "identity";
    public const string CallbackPath = "/signin-callback";
    public const string SignedOutPath = "/signed-out";

    public const string SignedInAtKey = "signed_in_at";

    /// <summary>A session ends this long after sign-in, however often its access token is refreshed.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(10);

    /// <summary>What the workbench asks for; Identity grants the part the person's roles allow.</summary>
    private static readonly string[] RequestedScopes =
    [
        Scopes.CollectionsRead, Scopes.CollectionsWrite, Scopes.CollectionsAdmin, Scopes.CreditsApprove, Scopes.CustomersRead, Scopes.CustomersWrite, Scopes.InvoicesRead, Scopes.DocumentsRead,
        Scopes.ReportsRead, "offline_access",
    ];

    public static Uri PublicOrigin(IConfiguration configuration) =>
        new(configuration["Workbench:PublicUrl"] ?? throw new InvalidOperationException(
            "Workbench:PublicUrl is not set: give the address people open the platform at (the gateway's, or the ingress's)."));

    /// <summary>The platform's API (the gateway) as the workbench reaches it; the public address unless given.</summary>
    public static Uri ApiOrigin(IConfiguration configuration) =>
        configuration["Workbench:ApiUrl"] is { Length: > 0 } api ? new Uri(api) : PublicOrigin(configuration);

    public static WebApplicationBuilder AddWorkbenchSignIn(this WebApplicationBuilder builder)
    {
        var publicOrigin = PublicOrigin(builder.Configuration).ToString().TrimEnd('/');
        var apiOrigin = ApiOrigin(builder.Configuration).ToString().TrimEnd('/');
        // The key ring encrypted with the platform's key-encryption key wherever it is kept (ADR 0028).
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("arplatform-workbench").ProtectKeysWithKeyEncryptionKey();
        if (builder.Configuration.GetConnectionString(ArPlatform.ServiceDefaults.ResourceNames.Cache) is { Length: > 0 } redis)
        {
            // Every replica reads the cookie another wrote; one connection, made when the keys are first read.
            var connection = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(redis));
            dataProtection.PersistKeysToStackExchangeRedis(() => connection.Value.GetDatabase(), "workbench:data-protection-keys");
        }

        builder.Services.AddSingleton<TokenRefresher>();
        TokenRevocations.AddTokenRevocations(builder.Services);
        RedisTicketStore.Register(builder.Services);
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieScheme;
                options.DefaultChallengeScheme = IdentityScheme;
            })
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = "arp_workbench";
                options.Cookie.Path = PathBase;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = SessionLifetime;
                options.SlidingExpiration = false;
                options.AccessDeniedPath = "/forbidden";
                options.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<TokenRefresher>().ValidateAsync(context);
            })
            .AddOAuth<OAuthOptions, PublicClientOAuthHandler>(IdentityScheme, options =>
            {
                options.ClientId = PlatformAuth.WorkbenchClientId;
                options.ClientSecret = PublicClientOAuthHandler.NoSecret;
                options.AuthorizationEndpoint = publicOrigin + "/connect/authorize";
                options.TokenEndpoint = apiOrigin + "/connect/token";
                options.CallbackPath = CallbackPath;
                options.UsePkce = true;
                options.SaveTokens = true;
                options.SignInScheme = CookieScheme;
                foreach (var scope in RequestedScopes)
                {
                    options.Scope.Add(scope);
                }

                options.Events.OnCreatingTicket = context =>
                {
                    context.Principal = PrincipalOf(context.AccessToken!);
                    // Renewing the cookie moves its issue time: the sign-in's own time bounds the session.
                    context.Properties.Items[SignedInAtKey] = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToString("o", CultureInfo.InvariantCulture);
                    return Task.CompletedTask;
                };
                options.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect($"{PathBase}/signin-failed?reason={Uri.EscapeDataString(context.Failure?.Message ?? "unknown")}");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHttpContextAccessor();
        return builder;
    }

    /// <summary>
    /// The person as the access token says (Identity issued it to this client over the back channel; the gateway and
    /// the services validate it in full at every call).
    /// </summary>
    public static ClaimsPrincipal PrincipalOf(string accessToken)
    {
        var token = new JsonWebToken(accessToken);
        var identity = new ClaimsIdentity(CookieScheme, "name", PlatformAuth.RoleClaim);
        foreach (var claim in token.Claims.Where(c => c.Type is "sub" or "name" or "email" or PlatformAuth.CollectorClaim or PlatformAuth.RoleClaim or PlatformAuth.TenantsClaim or PlatformAuth.ScopeClaim))
        {
            identity.AddClaim(new Claim(claim.Type, claim.Value));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// The workbench sees itself at its public address whatever Host the gateway forwards: that address comes from
    /// configuration, never from a header, so redirect addresses are the ones registered with Identity.
    /// </summary>
    public static IApplicationBuilder UsePublicOrigin(this WebApplication app)
    {
        var origin = PublicOrigin(app.Configuration);
        return app.Use((context, next) =>
        {
            context.Request.Scheme = origin.Scheme;
            context.Request.Host = HostString.FromUriComponent(origin);
            return next(context);
        });
    }

    public static void MapSignInEndpoints(this WebApplication app)
    {
        var publicOrigin = PublicOrigin(app.Configuration).ToString().TrimEnd('/');
        app.MapPost("/signout", async (HttpContext http, TokenRefresher tokens) =>
        {
            await tokens.RevokeAsync(await http.GetTokenAsync("refresh_token"));
            await http.SignOutAsync(CookieScheme);
            var back = Uri.EscapeDataString(publicOrigin + PathBase + SignedOutPath);
            return Results.Redirect($"{publicOrigin}/connect/logout?client_id={PlatformAuth.WorkbenchClientId}&post_logout_redirect_uri={back}");
        }).RequireAuthorization().WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
    }

    public static DateTimeOffset? SignedInAt(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(SignedInAtKey, out var at) && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed : null;

    /// <summary>The expiry of the token as the OAuth handler stored it (round-trip format).</summary>
    public static DateTimeOffset? ExpiresAt(AuthenticationProperties properties) =>
        DateTimeOffset.TryParse(properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    internal static string? Read(JsonObject body, string name) => body[name]?.GetValue<string>();
}
