using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace ArPlatform.Testing;

/// <summary>
/// A person signing in as the workbench does, over plain HTTP: authorization code with PKCE through Identity's
/// sign-in page, then the code exchanged for tokens. The browser client keeps cookies and follows no redirect.
/// </summary>
public static partial class StaffSignIn
{
    public const string WorkbenchClient = "workbench";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string AuthorizeUrl(string redirectUri, string challenge, string scope = "collections.read collections.write offline_access") =>
        QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = WorkbenchClient,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = "state-1",
        });

    /// <summary>Sends the sign-in page's form as a person would: the page's anti-forgery token, the return address, the credentials.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string signInUrl, string email, string password)
    {
        var page = await (await browser.GetAsync(signInUrl)).Content.ReadAsStringAsync();
        var query = new Uri(new Uri("http://localhost"), signInUrl).Query;
        var returnUrl = QueryHelpers.ParseQuery(query).TryGetValue("returnUrl", out var r) ? r.ToString() : "";
        return await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value),
            ["returnUrl"] = returnUrl,
            ["email"] = email,
            ["password"] = password,
        }));
    }

    /// <summary>Signs in through the page (unless the session already is) and returns the code sent back to <paramref name="redirectUri"/>.</summary>
    public static async Task<string> CodeAsync(HttpClient browser, string redirectUri, string email, string password, string verifier, string? scope = null)
    {
        var authorizeUrl = scope is null ? AuthorizeUrl(redirectUri, Challenge(verifier)) : AuthorizeUrl(redirectUri, Challenge(verifier), scope);
        using var authorize = await browser.GetAsync(authorizeUrl);
        var location = authorize.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"authorize answered {(int)authorize.StatusCode}");
        if (location.StartsWith("/signin?returnUrl=", StringComparison.Ordinal))
        {
            using var submitted = await SubmitAsync(browser, location, email, password);
            var back = submitted.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"sign-in answered {(int)submitted.StatusCode}");
            using var again = await browser.GetAsync(back);
            location = again.Headers.Location?.ToString() ?? throw new InvalidOperationException($"authorize answered {(int)again.StatusCode}");
        }

        if (!location.StartsWith(redirectUri, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"authorize sent the browser to {location}, not to {redirectUri}");
        }

        var parameters = QueryHelpers.ParseQuery(new Uri(location).Query);
        return parameters["code"].ToString();
    }

    /// <summary>The whole sign-in: an access token (and its refresh token) for the person.</summary>
    public static async Task<JsonObject> TokensAsync(HttpClient browser, string redirectUri, string email, string password, string? scope = null)
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var code = await CodeAsync(browser, redirectUri, email, password, verifier, scope);
        using var response = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = WorkbenchClient,
            ["code_verifier"] = verifier,
        }));
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(body)!.AsObject() : throw new InvalidOperationException($"token: {(int)response.StatusCode} {body}");
    }
}
