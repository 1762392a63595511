using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using static ArPlatform.Identity.Tests.IdentityApiTests;

namespace ArPlatform.Identity.Tests;

/// <summary>
/// Taking access back: a disabled API client, a suspended tenant, a rotated secret. Identity and another service (the
/// probe, validating tokens as every service does) on the same real PostgreSQL and Redis.
/// </summary>
public sealed class RevocationTests(InfrastructureFixture infrastructure, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private const string AdminSecret = "identity-test-admin-secret";
    private static readonly TimeSpan WithinAMinute = TimeSpan.FromSeconds(60);
    private ServiceUnderTest<Program>? _service;
    private ProbeService? _probe;
    private HttpClient _anonymous = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "identitydb",
            new Dictionary<string, string> { ["Identity:AdminClientSecret"] = AdminSecret, ["Identity:PublicUrl"] = "http://localhost" });
        _probe = await ProbeService.StartAsync(_service, infrastructure.Redis.GetConnectionString());
        _anonymous = _service.ClientFor(null);
        _admin = _service.ClientFor(await TokenAsync(_anonymous, "platform-admin", AdminSecret));
    }

    public async Task DisposeAsync()
    {
        if (_probe is not null)
        {
            await _probe.DisposeAsync();
        }

        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    private async Task<(string TenantId, string ClientId, string Secret)> ClientAsync(string code)
    {
        var tenant = await ReadAsync(await _admin.PostAsJsonAsync("/api/v1/tenants", new { name = code, code }), HttpStatusCode.Created);
        var client = await ReadAsync(await _admin.PostAsJsonAsync($"/api/v1/tenants/{tenant["id"]}/clients",
            new { name = "ERP", scopes = new[] { "invoices.read" } }), HttpStatusCode.Created);
        return ((string)tenant["id"]!, (string)client["clientId"]!, (string)client["clientSecret"]!);
    }

    private async Task<HttpStatusCode> ProbeAsync(string token)
    {
        using var response = await _probe!.CallAsync(token);
        return response.StatusCode;
    }

    /// <summary>How long until the probe refuses the token (fails after a minute).</summary>
    private async Task<TimeSpan> RefusedWithinAsync(string token)
    {
        var watch = Stopwatch.StartNew();
        while (await ProbeAsync(token) != HttpStatusCode.Unauthorized)
        {
            Assert.True(watch.Elapsed < WithinAMinute, "the service still accepts the token after a minute");
            await Task.Delay(250);
        }

        return watch.Elapsed;
    }

    private async Task<HttpStatusCode> TokenStatusAsync(string clientId, string secret)
    {
        using var response = await _anonymous.PostAsync("/connect/token", Form(clientId, secret));
        return response.StatusCode;
    }

    [Fact]
    public async Task A_disabled_clients_token_is_refused_by_another_service_within_a_minute_and_no_new_one_is_issued_until_it_is_enabled()
    {
        var (tenantId, clientId, secret) = await ClientAsync("rvk1");
        var token = await TokenAsync(_anonymous, clientId, secret);
        Assert.Equal(HttpStatusCode.OK, await ProbeAsync(token));

        var disabled = await ReadAsync(await _admin.PostAsync($"/api/v1/tenants/{tenantId}/clients/{clientId}/disable", null), HttpStatusCode.OK);
        Assert.Equal("platform-admin", (string?)disabled["disabledBy"]);
        Assert.NotNull(disabled["disabledAt"]);
        var refusedAfter = await RefusedWithinAsync(token);
        output.WriteLine($"the disabled client's token was refused by the other service {refusedAfter.TotalSeconds:F1} s after the disable");
        Assert.NotEqual(HttpStatusCode.OK, await TokenStatusAsync(clientId, secret));

        var listed = (await _admin.GetFromJsonAsync<JsonArray>($"/api/v1/tenants/{tenantId}/clients"))!.Single()!;
        Assert.Equal("platform-admin", (string?)listed["disabledBy"]);

        await ReadAsync(await _admin.PostAsync($"/api/v1/tenants/{tenantId}/clients/{clientId}/enable", null), HttpStatusCode.OK);
        var fresh = await TokenAsync(_anonymous, clientId, secret);
        await ServiceHost.EventuallyAsync(async () => await ProbeAsync(fresh) == HttpStatusCode.OK, "the enabled client's token accepted", 60);
    }

    [Fact]
    public async Task A_suspended_tenants_tokens_are_refused_by_another_service_within_a_minute_and_new_ones_at_once()
    {
        var (tenantId, clientId, secret) = await ClientAsync("rvk2");
        var (_, otherClientId, otherSecret) = await ClientAsync("rvk3");
        var token = await TokenAsync(_anonymous, clientId, secret);
        var otherToken = await TokenAsync(_anonymous, otherClientId, otherSecret);
        Assert.Equal(HttpStatusCode.OK, await ProbeAsync(token));

        var suspended = await ReadAsync(await _admin.PostAsJsonAsync($"/api/v1/tenants/{tenantId}/suspend", new { reason = "Contract ended" }), HttpStatusCode.OK);
        Assert.Equal("platform-admin", (string?)suspended["suspendedBy"]);
        Assert.NotEqual(HttpStatusCode.OK, await TokenStatusAsync(clientId, secret));
        output.WriteLine($"the suspended tenant's token was refused by the other service {(await RefusedWithinAsync(token)).TotalSeconds:F1} s after the suspension");
        // Another tenant is untouched.
        Assert.Equal(HttpStatusCode.OK, await ProbeAsync(otherToken));

        await ReadAsync(await _admin.PostAsync($"/api/v1/tenants/{tenantId}/reinstate", null), HttpStatusCode.OK);
        var fresh = await TokenAsync(_anonymous, clientId, secret);
        await ServiceHost.EventuallyAsync(async () => await ProbeAsync(fresh) == HttpStatusCode.OK, "the reinstated tenant's token accepted", 60);
    }

    [Fact]
    public async Task A_rotated_secret_works_beside_the_old_one_until_the_old_one_is_retired()
    {
        var (tenantId, clientId, oldSecret) = await ClientAsync("rvk4");
        var rotated = await ReadAsync(await _admin.PostAsJsonAsync($"/api/v1/tenants/{tenantId}/clients/{clientId}/rotate-secret",
            new { previousSecretValidHours = 24 }), HttpStatusCode.OK);
        var newSecret = (string)rotated["clientSecret"]!;
        Assert.NotEqual(oldSecret, newSecret);
        Assert.NotNull(rotated["previousSecretValidUntil"]);

        // During the rollover both get tokens.
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(clientId, oldSecret));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(clientId, newSecret));
        Assert.NotEqual(HttpStatusCode.OK, await TokenStatusAsync(clientId, oldSecret + "x"));

        await ReadAsync(await _admin.PostAsync($"/api/v1/tenants/{tenantId}/clients/{clientId}/retire-previous", null), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(clientId, oldSecret));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(clientId, newSecret));

        // A rotation whose old secret expires at once leaves only the new one.
        var again = await ReadAsync(await _admin.PostAsJsonAsync($"/api/v1/tenants/{tenantId}/clients/{clientId}/rotate-secret",
            new { previousSecretValidHours = 0 }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(clientId, newSecret));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(clientId, (string)again["clientSecret"]!));
        var listed = (await _admin.GetFromJsonAsync<JsonArray>($"/api/v1/tenants/{tenantId}/clients"))!.Single()!;
        Assert.Equal("platform-admin", (string?)listed["secretRotatedBy"]);
    }

    [Fact]
    public async Task A_password_reset_gets_the_persons_access_tokens_refused_by_another_service_within_a_minute()
    {
        const string first = "monsoon-ledger-42", second = "another-monsoon-ledger-43";
        var (tenantId, _, _) = await ClientAsync("rvk5");
        var user = await ReadAsync(await _admin.PostAsJsonAsync("/api/v1/users", new { email = "asha@firm.in", name = "Asha Rao", roles = new[] { "collector" }, tenants = new[] { tenantId } }), HttpStatusCode.Created);
        await SetPasswordAsync((string)user["setPasswordUrl"]!, first);
        var browser = _service!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var access = (string)(await StaffSignIn.TokensAsync(browser, "http://localhost/app/signin-callback", "asha@firm.in", first))["access_token"]!;
        Assert.Equal(HttpStatusCode.OK, await ProbeAsync(access));

        // Tokens carry their issue time to the second: the reset comes in a later one.
        await Task.Delay(1100);
        var link = await ReadAsync(await _admin.PostAsync($"/api/v1/users/{user["id"]}/set-password-link", null), HttpStatusCode.OK);
        await SetPasswordAsync((string)link["setPasswordUrl"]!, second);
        output.WriteLine($"the person's access token was refused by the other service {(await RefusedWithinAsync(access)).TotalSeconds:F1} s after the reset");
    }

    private async Task SetPasswordAsync(string url, string password)
    {
        var token = Uri.UnescapeDataString(new Uri(url).Query.Split("token=")[1]);
        using var set = await _anonymous.PostAsync("/set-password", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["password"] = password, ["confirmation"] = password }));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
    }
}
