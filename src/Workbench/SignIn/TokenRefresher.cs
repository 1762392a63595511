using System.Globalization;
using System.Text.Json.Nodes;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ArPlatform.Workbench.SignIn;

/// <summary>
/// Keeps the cookie's access token fresh: within a minute of its expiry it is exchanged with the refresh token
/// (whose answer also brings the person's current roles and tenants). A refused refresh (account disabled, session
/// revoked) ends the workbench session: the next page asks to sign in again.
/// A session whose person's sessions Identity has ended since (password set or reset) ends at the next request, from the
/// platform's revocation list (ADR 0028).
/// </summary>
public sealed class TokenRefresher(IHttpClientFactory clients, IConfiguration configuration, TimeProvider clock, TokenRevocations revocations, ILogger<TokenRefresher> logger)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    private string Endpoint(string path) => WorkbenchSignIn.ApiOrigin(configuration).ToString().TrimEnd('/') + path;

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var now = clock.GetUtcNow();
        if (WorkbenchSignIn.SignedInAt(context.Properties) is { } signedIn && now - signedIn > WorkbenchSignIn.SessionLifetime)
        {
            await EndAsync(context);
            return;
        }

        if (context.Principal?.FindFirst("sub")?.Value is { } subject && WorkbenchSignIn.SignedInAt(context.Properties) is { } since
            && await revocations.CurrentAsync(context.HttpContext.RequestAborted) is { } list && list.SessionsEndedSince(subject, since))
        {
            logger.LogInformation("The workbench session of {User} ended: Identity ended the person's sessions", subject);
            await EndAsync(context);
            return;
        }

        if (WorkbenchSignIn.ExpiresAt(context.Properties) is { } expiresAt && expiresAt - now > Margin)
        {
            return;
        }

        var refreshToken = context.Properties.GetTokenValue("refresh_token");
        var (refreshed, refused) = refreshToken is null ? (null, true) : await RefreshAsync(refreshToken, context.HttpContext.RequestAborted);
        if (refreshed is null)
        {
            // Refused (disabled account, revoked session): sign in again. Identity unreachable: the current token while it lasts.
            if (refused || WorkbenchSignIn.ExpiresAt(context.Properties) is not { } still || still <= now)
            {
                await EndAsync(context);
            }

            return;
        }

        var access = WorkbenchSignIn.Read(refreshed, "access_token")!;
        var expiresIn = refreshed["expires_in"]?.GetValue<int>() ?? 900;
        context.Properties.UpdateTokenValue("access_token", access);
        context.Properties.UpdateTokenValue("refresh_token", WorkbenchSignIn.Read(refreshed, "refresh_token") ?? refreshToken!);
        context.Properties.UpdateTokenValue("expires_at", now.AddSeconds(expiresIn).ToString("o", CultureInfo.InvariantCulture));
        context.ReplacePrincipal(WorkbenchSignIn.PrincipalOf(access));
        context.ShouldRenew = true;
    }

    private static async Task EndAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(WorkbenchSignIn.CookieScheme);
    }

    /// <summary>The new tokens, or null and whether Identity refused (rather than could not be reached).</summary>
    private async Task<(JsonObject? Tokens, bool Refused)> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await clients.CreateClient().PostAsync(Endpoint("/connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = PlatformAuth.WorkbenchClientId,
            }), cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return (JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject(), false);
            }

            var refused = response.StatusCode == System.Net.HttpStatusCode.BadRequest;
            logger.LogInformation("The refresh token was not exchanged ({Status}){Then}", (int)response.StatusCode, refused ? ": the person signs in again" : "");
            return (null, refused);
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "Identity could not be reached to refresh a token");
            return (null, false);
        }
    }

    /// <summary>Revokes the refresh token at sign-out (best effort: Identity's session ends anyway).</summary>
    public async Task RevokeAsync(string? refreshToken)
    {
        if (refreshToken is null)
        {
            return;
        }

        try
        {
            using var response = await clients.CreateClient().PostAsync(Endpoint("/connect/revoke"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = refreshToken,
                ["token_type_hint"] = "refresh_token",
                ["client_id"] = PlatformAuth.WorkbenchClientId,
            }));
            response.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "The refresh token could not be revoked at sign-out");
        }
    }
}
