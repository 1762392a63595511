using System.Globalization;
using System.Net;
using System.Security.Claims;
using ArPlatform.BuildingBlocks.Time;
using ArPlatform.Identity.Persistence;
using ArPlatform.Identity.Users;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ArPlatform.Identity.SignIn;

/// <summary>
/// The staff sign-in: the page that takes the email and password, the OAuth2 authorization endpoint (code with PKCE,
/// which OpenIddict has validated before it gets here) and the end-session endpoint that signs out.
/// </summary>
public static class SignInEndpoints
{
    public static void MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", (HttpContext http, IAntiforgery antiforgery, string? returnUrl) => Page(http, antiforgery, returnUrl, null, null, 200))
            .AllowAnonymous().ExcludeFromDescription().AddEndpointFilter(SecretPages.NoStore);
        app.MapPost("/signin", SignInAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription().AddEndpointFilter(SecretPages.NoStore);
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)AuthorizeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapMethods("/connect/logout", ["GET", "POST"], (Delegate)SignOutAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    /// <summary>When the person signed in, to the millisecond (the cookie's own issue time is kept to the second).</summary>
    private const string SignedInAtClaim = "signed_in_at";

    private static DateTimeOffset? SignedInAt(AuthenticateResult session) =>
        long.TryParse(session.Principal?.FindFirstValue(SignedInAtClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : session.Properties?.IssuedUtc;

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, StaffCredentials credentials, TimeProvider clock, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return Page(http, antiforgery, null, null, "Send the form on this page.", 400);
        }

        var form = await http.Request.ReadFormAsync(ct);
        var returnUrl = form["returnUrl"].ToString();
        var email = form["email"].ToString();
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Page(http, antiforgery, returnUrl, email, "This page was open too long. Type your email and password again.", 400);
        }

        var outcome = await credentials.SignInAsync(email, form["password"].ToString(), ct);
        if (outcome.User is not { } user)
        {
            var message = outcome.Refusal switch
            {
                SignInRefusal.LockedOut => $"Too many wrong passwords: this account is locked until {India.Time(outcome.LockedUntil!.Value).ToString("HH:mm", CultureInfo.InvariantCulture)} IST. An administrator can lift it sooner (enable the user again).",
                _ => "The email or the password is wrong.",
            };
            return Page(http, antiforgery, returnUrl, email, message, outcome.Refusal == SignInRefusal.LockedOut ? 429 : 401);
        }

        var session = new ClaimsIdentity(SignInSession.Scheme, Claims.Name, Claims.Role);
        session.AddClaim(new Claim(Claims.Subject, user.Id.ToString()));
        session.AddClaim(new Claim(Claims.Name, user.Name));
        session.AddClaim(new Claim(SignedInAtClaim, clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        await http.SignInAsync(SignInSession.Scheme, new ClaimsPrincipal(session));
        return Results.Redirect(IsAuthorizeUrl(returnUrl) ? returnUrl : "/signin?done=1");
    }

    /// <summary>Only the authorization endpoint may follow a sign-in: no open redirect.</summary>
    private static bool IsAuthorizeUrl(string? url) =>
        url is not null && url.StartsWith("/connect/authorize?", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal);

    private static async Task<IResult> AuthorizeAsync(HttpContext http, IdentityDbContext db, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var session = await http.AuthenticateAsync(SignInSession.Scheme);
        var user = session.Succeeded && Guid.TryParse(session.Principal.FindFirstValue(Claims.Subject), out var id)
            ? await db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct)
            : null;
        // A sign-in from before the password was reset has ended with it.
        var ended = user?.SessionsEndedAt is { } endedAt && SignedInAt(session) is { } signedIn && signedIn < endedAt;
        if (user is null || user.Disabled || ended || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "Sign in first.");
            }

            await http.SignOutAsync(SignInSession.Scheme);
            var query = http.Request.HasFormContentType
                ? QueryString.Create((await http.Request.ReadFormAsync(ct)).Select(f => KeyValuePair.Create(f.Key, (string?)f.Value.ToString())))
                : http.Request.QueryString;
            return Results.Redirect($"/signin?returnUrl={Uri.EscapeDataString("/connect/authorize" + RemovePrompt(query))}");
        }

        return Results.SignIn(StaffPrincipal.Create(user, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>prompt=login is honoured once: the sign-in it leads to returns without it.</summary>
    private static QueryString RemovePrompt(QueryString query) =>
        QueryString.Create(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query.Value)
            .Where(p => p.Key != Parameters.Prompt).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())));

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(SignInSession.Scheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/signin?signedOut=1" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? email, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var notice = http.Request.Query.ContainsKey("signedOut") ? "<p role=\"status\">You are signed out.</p>"
            : http.Request.Query.ContainsKey("done") ? "<p role=\"status\">You are signed in. Open the workbench at <a href=\"/app/\">/app</a>.</p>" : "";
        return Results.Content($$"""
            <!doctype html>
            <html lang="en-IN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · ArPlatform</title>
            <style>body{font:16px system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}label,input,button{display:block;width:100%;margin:.4rem 0;box-sizing:border-box}
            input{padding:.55rem;font-size:1rem;border:1px solid #6b6b6b;border-radius:4px}button{padding:.65rem;font-size:1rem;margin-top:1rem;background:#0b4f8a;color:#fff;border:0;border-radius:4px}
            .error{color:#a40000;font-weight:600}</style></head>
            <body><main><h1>Sign in to ArPlatform</h1>{{notice}}
            {{(error is null ? "" : $"<p role=\"alert\" class=\"error\">{WebUtility.HtmlEncode(error)}</p>")}}
            <form method="post" action="/signin">
              <input type="hidden" name="{{tokens.FormFieldName}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
              <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "")}}">
              <label for="email">Email</label>
              <input id="email" name="email" type="email" autocomplete="username" value="{{WebUtility.HtmlEncode(email ?? "")}}" required autofocus>
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">Sign in</button>
            </form>
            <p>Forgot your password? Ask your administrator for a new set-password link.</p></main></body></html>
            """, "text/html; charset=utf-8", statusCode: status);
    }
}
