using System.Net;
using System.Net.Http.Json;
using ArPlatform.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using static ArPlatform.Identity.Tests.IdentityApiTests;

namespace ArPlatform.Identity.Tests;

/// <summary>
/// Staff sign-in: authorization code with PKCE through Identity's sign-in page, the token's tenants, roles and scopes,
/// refresh tokens, sign-out and revocation, lockout after wrong passwords, and a disabled account refused at refresh.
/// </summary>
public sealed class StaffSignInTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private const string AdminSecret = "identity-test-admin-secret";
    private const string Callback = "http://localhost/app/signin-callback";
    private const string Password = "monsoon-ledger-42";
    private ServiceUnderTest<Program>? _service;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "identitydb", new Dictionary<string, string>
        {
            ["Identity:AdminClientSecret"] = AdminSecret,
            ["Identity:PublicUrl"] = "http://localhost",
        });
        _admin = _service.ClientFor(await TokenAsync(_service.ClientFor(null), "platform-admin", AdminSecret));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    /// <summary>A browser: keeps cookies, does not follow redirects, so each step can be looked at.</summary>
    private HttpClient Browser() => _service!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<(Guid Id, string Email)> UserAsync(string email, string role, object tenants)
    {
        var created = await ReadAsync(await _admin.PostAsJsonAsync("/api/v1/users", new { email, name = "Priya Sharma", roles = new[] { role }, tenants }), HttpStatusCode.Created);
        var token = Uri.UnescapeDataString(new Uri((string)created["setPasswordUrl"]!).Query.Split("token=")[1]);
        using var set = await Browser().PostAsync("/set-password", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["password"] = Password, ["confirmation"] = Password }));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        return (Guid.Parse((string)created["id"]!), email);
    }

    private async Task<string> TenantAsync(string code) =>
        (string)(await ReadAsync(await _admin.PostAsJsonAsync("/api/v1/tenants", new { name = code, code }), HttpStatusCode.Created))["id"]!;

    /// <summary>Signs in through the page and returns the code the authorization endpoint redirects back with.</summary>
    private static async Task<string> CodeAsync(HttpClient browser, string email, string verifier)
    {
        using var authorize = await browser.GetAsync(StaffSignIn.AuthorizeUrl(Callback, StaffSignIn.Challenge(verifier)));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var signIn = authorize.Headers.Location!.OriginalString;
        Assert.StartsWith("/signin?returnUrl=", signIn, StringComparison.Ordinal);
        using var submitted = await StaffSignIn.SubmitAsync(browser, signIn, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        using var back = await browser.GetAsync(submitted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var location = back.Headers.Location!;
        Assert.StartsWith(Callback, location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("state-1", query["state"].ToString());
        return query["code"].ToString();
    }

    private async Task<HttpResponseMessage> TokenRequestAsync(Dictionary<string, string> form) =>
        await Browser().PostAsync("/connect/token", new FormUrlEncodedContent(form));

    [Fact]
    public async Task A_collector_signs_in_with_PKCE_and_gets_a_token_naming_their_tenants_roles_and_scopes_then_refreshes_and_signs_out()
    {
        var (north, south) = (await TenantAsync("sgn1"), await TenantAsync("sgn2"));
        var (id, email) = await UserAsync("priya@firm.in", "collector", new[] { north, south });
        var browser = Browser();
        const string verifier = "a-verifier-of-at-least-forty-three-characters-0123456789";
        var code = await CodeAsync(browser, email, verifier);

        // The code is bound to the verifier: without it, or with another, no token.
        var stolen = await ReadAsync(await TokenRequestAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Callback, ["client_id"] = "workbench", ["code_verifier"] = verifier + "x" }), HttpStatusCode.BadRequest);
        Assert.Equal("invalid_grant", (string?)stolen["error"]);
        // Signed in, the next authorization asks for no password: the code comes straight back.
        using var direct = await browser.GetAsync(StaffSignIn.AuthorizeUrl(Callback, StaffSignIn.Challenge(verifier)));
        Assert.StartsWith(Callback, direct.Headers.Location!.ToString(), StringComparison.Ordinal);
        code = QueryHelpers.ParseQuery(direct.Headers.Location.Query)["code"].ToString();
        var tokens = await ReadAsync(await TokenRequestAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Callback, ["client_id"] = "workbench", ["code_verifier"] = verifier }), HttpStatusCode.OK);
        var access = new JsonWebToken((string)tokens["access_token"]!);
        Assert.Equal(id.ToString(), access.Subject);
        Assert.Equal([north, south], access.Claims.Where(c => c.Type == "tenants").Select(c => c.Value).Order());
        Assert.Equal("priya@firm.in", access.GetClaim("collector_code").Value);
        Assert.Equal("collector", access.GetClaim("role").Value);
        Assert.DoesNotContain(access.Claims, c => c.Type == "tenant_id");
        Assert.Equal(["collections.read", "collections.write", "offline_access"], access.GetClaim("scope").Value.Split(' ').Order());
        Assert.True(access.ValidTo - access.IssuedAt <= TimeSpan.FromMinutes(15));

        var refreshed = await ReadAsync(await TokenRequestAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = (string)tokens["refresh_token"]!, ["client_id"] = "workbench" }), HttpStatusCode.OK);
        Assert.Equal(id.ToString(), new JsonWebToken((string)refreshed["access_token"]!).Subject);

        // Sign-out ends Identity's session (the next authorize asks for the password) and revocation ends the refresh token.
        using var signOut = await browser.GetAsync($"/connect/logout?client_id=workbench&post_logout_redirect_uri={Uri.EscapeDataString("http://localhost/app/signed-out")}");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("http://localhost/app/signed-out", signOut.Headers.Location!.ToString());
        using var revoked = await Browser().PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = (string)refreshed["refresh_token"]!, ["token_type_hint"] = "refresh_token", ["client_id"] = "workbench" }));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await ReadAsync(await TokenRequestAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = (string)refreshed["refresh_token"]!, ["client_id"] = "workbench" }), HttpStatusCode.BadRequest);
        using var again = await browser.GetAsync(StaffSignIn.AuthorizeUrl(Callback, StaffSignIn.Challenge(verifier)));
        Assert.StartsWith("/signin?returnUrl=", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_account_gets_no_new_token_and_an_unregistered_redirect_or_a_missing_challenge_is_refused()
    {
        var tenant = await TenantAsync("dis1");
        var (id, email) = await UserAsync("viewer@client.in", "client-viewer", new[] { tenant });
        const string verifier = "another-verifier-of-at-least-forty-three-characters-xyz";
        var code = await CodeAsync(Browser(), email, verifier);
        var tokens = await ReadAsync(await TokenRequestAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Callback, ["client_id"] = "workbench", ["code_verifier"] = verifier }), HttpStatusCode.OK);
        // A client viewer reads: the write, configuration and credit scopes the workbench asked for are not granted.
        var granted = new JsonWebToken((string)tokens["access_token"]!).GetClaim("scope").Value.Split(' ');
        Assert.Empty(granted.Intersect(["collections.write", "collections.admin", "credits.approve"]));

        await ReadAsync(await _admin.PostAsync($"/api/v1/users/{id}/disable", null), HttpStatusCode.OK);
        var refused = await ReadAsync(await TokenRequestAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = (string)tokens["refresh_token"]!, ["client_id"] = "workbench" }), HttpStatusCode.BadRequest);
        Assert.Equal("invalid_grant", (string?)refused["error"]);

        using var elsewhere = await Browser().GetAsync(StaffSignIn.AuthorizeUrl(Callback, StaffSignIn.Challenge(verifier)).Replace(Uri.EscapeDataString(Callback), Uri.EscapeDataString("https://evil.example/cb"), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        using var noPkce = await Browser().GetAsync($"/connect/authorize?client_id=workbench&response_type=code&redirect_uri={Uri.EscapeDataString(Callback)}&scope=collections.read");
        Assert.NotEqual(HttpStatusCode.Redirect, noPkce.StatusCode);
        using var openRedirect = await StaffSignIn.SubmitAsync(Browser(), "/signin?returnUrl=" + Uri.EscapeDataString("https://evil.example/"), email, Password);
        Assert.DoesNotContain("evil", openRedirect.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twelve_wrong_passwords_at_once_get_at_most_five_checked_lock_the_account_and_then_even_the_right_one_is_refused()
    {
        var tenant = await TenantAsync("lck1");
        var (id, email) = await UserAsync("ravi@firm.in", "collector", new[] { tenant });
        using var wrong = await StaffSignIn.SubmitAsync(Browser(), "/signin", email, "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("email or the password is wrong", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Each attempt is claimed before its password is checked: of a burst, only the four left before the threshold are.
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var response = await StaffSignIn.SubmitAsync(Browser(), "/signin", email, "still-not-it");
            return response.StatusCode;
        }));
        Assert.InRange(answers.Count(a => a == HttpStatusCode.Unauthorized), 0, 4);
        Assert.Equal(12, answers.Count(a => a is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests));

        using var right = await StaffSignIn.SubmitAsync(Browser(), "/signin", email, Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("locked until", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await StaffSignIn.SubmitAsync(Browser(), "/signin", "nobody@firm.in", Password);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);

        // Enabling the user again lifts the lock.
        await ReadAsync(await _admin.PostAsync($"/api/v1/users/{id}/enable", null), HttpStatusCode.OK);
        using var afterUnlock = await StaffSignIn.SubmitAsync(Browser(), "/signin", email, Password);
        Assert.Equal(HttpStatusCode.Redirect, afterUnlock.StatusCode);
    }

    [Fact]
    public async Task Setting_a_new_password_ends_the_persons_sessions_refresh_tokens_and_the_sign_in_session()
    {
        var tenant = await TenantAsync("pwd1");
        var (id, email) = await UserAsync("meera@firm.in", "collector", new[] { tenant });
        var browser = Browser();
        var tokens = await StaffSignIn.TokensAsync(browser, Callback, email, Password);
        var refreshToken = (string)tokens["refresh_token"]!;

        // An administrator resets the password: a new link, and the person sets a new password with it.
        var link = await ReadAsync(await _admin.PostAsync($"/api/v1/users/{id}/set-password-link", null), HttpStatusCode.OK);
        var linkToken = Uri.UnescapeDataString(new Uri((string)link["setPasswordUrl"]!).Query.Split("token=")[1]);
        const string newPassword = "another-monsoon-ledger-43";
        using var set = await Browser().PostAsync("/set-password", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = linkToken, ["password"] = newPassword, ["confirmation"] = newPassword }));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        var refused = await ReadAsync(await TokenRequestAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = "workbench" }), HttpStatusCode.BadRequest);
        Assert.Equal("invalid_grant", (string?)refused["error"]);
        // Identity's own session is over too: the next authorization asks for the password.
        using var again = await browser.GetAsync(StaffSignIn.AuthorizeUrl(Callback, StaffSignIn.Challenge("a-verifier-of-at-least-forty-three-characters-0123456789")));
        Assert.StartsWith("/signin?returnUrl=", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_answer_in_about_the_same_time()
    {
        var tenant = await TenantAsync("tim1");
        var (_, email) = await UserAsync("kiran@firm.in", "collector", new[] { tenant });
        // Warm up both paths once (the first hash and the first query of each kind cost more).
        using (await StaffSignIn.SubmitAsync(Browser(), "/signin", "warm@firm.in", "not-the-password")) { }

        var unknownTimes = new List<double>();
        var wrongTimes = new List<double>();
        string? unknownBody = null, wrongBody = null;
        for (var i = 0; i < 3; i++)
        {
            // Alternated, so that a busy moment of the machine falls on both.
            var (unknownStatus, unknownText, unknownMs) = await TimedSignInAsync("nobody-" + i + "@firm.in");
            var (wrongStatus, wrongText, wrongMs) = await TimedSignInAsync(email);
            Assert.Equal(HttpStatusCode.Unauthorized, unknownStatus);
            Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);
            (unknownBody, wrongBody) = (Without(unknownText, "nobody-" + i + "@firm.in"), Without(wrongText, email));
            unknownTimes.Add(unknownMs);
            wrongTimes.Add(wrongMs);
        }

        Assert.Equal(wrongBody, unknownBody);
        var (unknown, wrong) = (unknownTimes.Order().ElementAt(1), wrongTimes.Order().ElementAt(1));
        Assert.True(unknown >= wrong * 0.5, $"an unknown email is answered in {unknown:F0} ms, a wrong password in {wrong:F0} ms");
    }

    private async Task<(HttpStatusCode Status, string Body, double Milliseconds)> TimedSignInAsync(string email)
    {
        var browser = Browser();
        var page = await (await browser.GetAsync("/signin")).Content.ReadAsStringAsync();
        var field = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(field),
            ["returnUrl"] = "",
            ["email"] = email,
            ["password"] = "not-the-password",
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await browser.PostAsync("/signin", form);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body, watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>The page without what differs by design: the email typed and the form's anti-forgery token.</summary>
    private static string Without(string page, string email) =>
        System.Text.RegularExpressions.Regex.Replace(page.Replace(email, "", StringComparison.Ordinal), "value=\"[A-Za-z0-9_-]{40,}[^\"]*\"", "value=\"\"");

    [Fact]
    public async Task Identity_pages_and_answers_cannot_be_framed_by_another_site()
    {
        foreach (var path in new[] { "/signin", "/set-password?token=x", "/.well-known/openid-configuration" })
        {
            using var response = await Browser().GetAsync(path);
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
    }
}
