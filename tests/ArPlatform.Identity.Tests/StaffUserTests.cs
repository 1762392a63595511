using System.Net;
using System.Net.Http.Json;
using ArPlatform.Identity.Users;
using ArPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ArPlatform.Identity.Tests.IdentityApiTests;

namespace ArPlatform.Identity.Tests;

/// <summary>Staff users: created by a platform admin, a one-time link to set a hashed password, bad input refused by field.</summary>
public sealed class StaffUserTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private const string AdminSecret = "identity-test-admin-secret";
    private ServiceUnderTest<Program>? _service;
    private HttpClient _admin = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "identitydb", new Dictionary<string, string> { ["Identity:AdminClientSecret"] = AdminSecret });
        _anonymous = _service.ClientFor(null);
        _admin = _service.ClientFor(await TokenAsync(_anonymous, "platform-admin", AdminSecret));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    private async Task<string> TenantAsync(string code) =>
        (string)(await ReadAsync(await _admin.PostAsJsonAsync("/api/v1/tenants", new { name = code, code }), HttpStatusCode.Created))["id"]!;

    private async Task<HttpResponseMessage> SetPasswordAsync(string token, string password, string? confirmation = null) =>
        await _anonymous.PostAsync("/set-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["password"] = password,
            ["confirmation"] = confirmation ?? password,
        }));

    private static string TokenOf(string url) => Uri.UnescapeDataString(new Uri(url).Query.Split("token=")[1]);

    [Fact]
    public async Task A_collector_is_created_for_two_tenants_and_sets_a_hashed_password_once_through_the_link()
    {
        var (north, south) = (await TenantAsync("north1"), await TenantAsync("south1"));
        var created = await ReadAsync(await _admin.PostAsJsonAsync("/api/v1/users",
            new { email = "Priya.Sharma@Firm.in", name = "Priya Sharma", roles = new[] { "collector" }, tenants = new[] { north, south } }), HttpStatusCode.Created);
        var user = created["user"]!;
        Assert.Equal("priya.sharma@firm.in", (string?)user["email"]);
        Assert.Equal("priya.sharma@firm.in", (string?)user["collectorCode"]);
        Assert.Equal([north, south], user["tenants"]!.AsArray().Select(t => (string)t!));
        Assert.False((bool)user["passwordSet"]!);
        var url = (string)created["setPasswordUrl"]!;
        Assert.Contains("/set-password?token=", url, StringComparison.Ordinal);

        var page = await _anonymous.GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("type=\"password\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var token = TokenOf(url);
        var tooShort = await SetPasswordAsync(token, "short");
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("at least 12 characters", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await SetPasswordAsync(token, "monsoon-ledger-42", "monsoon-ledger-43")).StatusCode);
        var set = await SetPasswordAsync(token, "monsoon-ledger-42");
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var again = await SetPasswordAsync(token, "another-passphrase-9");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("used or has expired", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var scope = _service!.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<Persistence.IdentityDbContext>().StaffUsers.AsNoTracking().SingleAsync(u => u.Email == "priya.sharma@firm.in");
        Assert.DoesNotContain("monsoon", stored.PasswordHash, StringComparison.Ordinal);
        Assert.True(StaffCredentials.Verify(stored, "monsoon-ledger-42"));
        Assert.False(StaffCredentials.Verify(stored, "another-passphrase-9"));
        Assert.True((bool)(await ReadAsync(await _admin.GetAsync($"/api/v1/users/{created["id"]}"), HttpStatusCode.OK))["passwordSet"]!);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_an_email_already_used_is_a_conflict()
    {
        var tenant = await TenantAsync("bad1");
        var bad = await ReadAsync(await _admin.PostAsJsonAsync("/api/v1/users",
            new { email = "not an email", name = "", roles = new[] { "boss" }, tenants = new[] { Guid.NewGuid().ToString() } }), HttpStatusCode.BadRequest);
        var errors = bad["errors"]!.AsObject();
        Assert.Contains("email", errors.Select(e => e.Key));
        Assert.Contains("name", errors.Select(e => e.Key));
        Assert.Contains("unknown: boss", errors["roles"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("no such tenant", errors["tenants"]!.ToJsonString(), StringComparison.Ordinal);

        var viewer = await ReadAsync(await _admin.PostAsJsonAsync("/api/v1/users",
            new { email = "cfo@client.in", name = "CFO", roles = new[] { "client-viewer", "collector" }, tenants = "all" }), HttpStatusCode.BadRequest);
        Assert.Contains("roles", viewer["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("exactly one tenant", viewer["errors"]!["tenants"]!.ToJsonString(), StringComparison.Ordinal);

        var approver = await ReadAsync(await _admin.PostAsJsonAsync("/api/v1/users",
            new { email = "fc@client.in", name = "FC", roles = new[] { "client-approver", "team-lead" }, tenants = "all" }), HttpStatusCode.BadRequest);
        Assert.Contains("client-approver is a role of its own", approver["errors"]!["roles"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("exactly one tenant", approver["errors"]!["tenants"]!.ToJsonString(), StringComparison.Ordinal);

        var nullRole = await ReadAsync(await _admin.PostAsJsonAsync("/api/v1/users", new { email = "x@firm.in", name = "X", roles = new[] { "collector", null }, tenants = "all" }), HttpStatusCode.BadRequest);
        Assert.Contains("roles", nullRole["errors"]!.AsObject().Select(e => e.Key));
        using var notAForm = await _anonymous.PostAsJsonAsync("/set-password", new { token = "t", password = "p" });
        Assert.Equal(HttpStatusCode.BadRequest, notAForm.StatusCode);
        Assert.Equal("no-store", notAForm.Headers.CacheControl?.ToString());

        await ReadAsync(await _admin.PostAsJsonAsync("/api/v1/users", new { email = "lead@firm.in", name = "Lead", roles = new[] { "team-lead" }, tenants = "all" }), HttpStatusCode.Created);
        await ReadAsync(await _admin.PostAsJsonAsync("/api/v1/users", new { email = "LEAD@firm.in", name = "Lead 2", roles = new[] { "team-lead" }, tenants = new[] { tenant } }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_user_is_changed_and_disabled_a_new_link_voids_the_old_and_only_a_platform_admin_may_manage_users()
    {
        var (one, two) = (await TenantAsync("chg1"), await TenantAsync("chg2"));
        var created = await ReadAsync(await _admin.PostAsJsonAsync("/api/v1/users",
            new { email = "ravi@firm.in", name = "Ravi", roles = new[] { "collector" }, tenants = new[] { one }, collectorCode = "RAVI-01" }), HttpStatusCode.Created);
        var id = (string)created["id"]!;

        var changed = await ReadAsync(await _admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { roles = new[] { "collector", "team-lead" }, tenants = new[] { one, two } }), HttpStatusCode.OK);
        Assert.Equal(["collector", "team-lead"], changed["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("RAVI-01", (string?)changed["collectorCode"]);
        Assert.Contains("email", (await ReadAsync(await _admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { email = "other@firm.in" }), HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));

        var renewed = await ReadAsync(await _admin.PostAsync($"/api/v1/users/{id}/set-password-link", null), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.BadRequest, (await SetPasswordAsync(TokenOf((string)created["setPasswordUrl"]!), "first-link-password")).StatusCode);
        Assert.True((bool)(await ReadAsync(await _admin.PostAsync($"/api/v1/users/{id}/disable", null), HttpStatusCode.OK))["disabled"]!);
        // Disabling voids the links not used yet: enabled again, the person needs a new one.
        var disabled = await SetPasswordAsync(TokenOf((string)renewed["setPasswordUrl"]!), "second-link-password");
        Assert.Equal(HttpStatusCode.BadRequest, disabled.StatusCode);
        Assert.Contains("used or has expired", await disabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ReadAsync(await _admin.GetAsync($"/api/v1/users/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

        var client = await ReadAsync(await _admin.PostAsJsonAsync($"/api/v1/tenants/{one}/clients", new { name = "ERP", scopes = new[] { "collections.read", "collections.write" } }), HttpStatusCode.Created);
        var tenantClient = _service!.ClientFor(await TokenAsync(_anonymous, (string)client["clientId"]!, (string)client["clientSecret"]!));
        Assert.Equal(HttpStatusCode.Forbidden, (await tenantClient.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.GetAsync("/api/v1/users")).StatusCode);
    }
}
