using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace ArPlatform.Identity.Tests;

/// <summary>Tenants, clients and the token endpoint against a real PostgreSQL.</summary>
public sealed class IdentityApiTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private const string AdminSecret = "identity-test-admin-secret";
    private ServiceUnderTest<Program>? _service;

    public async Task InitializeAsync() => _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "identitydb",
        new Dictionary<string, string> { ["Identity:AdminClientSecret"] = AdminSecret });

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_tenant_client_gets_a_signed_token_with_its_tenant_and_scopes_and_its_secret_is_stored_hashed()
    {
        var anonymous = _service!.ClientFor(null);
        var admin = _service.ClientFor(await TokenAsync(anonymous, "platform-admin", AdminSecret));

        var tenant = await ReadAsync(await admin.PostAsJsonAsync("/api/v1/tenants", new { name = "Acme", code = "acme" }), HttpStatusCode.Created);
        var client = await ReadAsync(await admin.PostAsJsonAsync($"/api/v1/tenants/{tenant["id"]}/clients",
            new { name = "ERP", scopes = new[] { "invoices.read", "invoices.write" } }), HttpStatusCode.Created);
        var clientId = (string)client["clientId"]!;
        var secret = (string)client["clientSecret"]!;

        var token = await TokenAsync(anonymous, clientId, secret);
        var keys = new JsonWebKeySet(await anonymous.GetStringAsync("/.well-known/jwks"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "https://identity.arplatform.local/",
            ValidAudience = "arplatform-api",
            IssuerSigningKeys = keys.GetSigningKeys(),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal((string)tenant["id"]!, result.Claims["tenant_id"]);
        Assert.Equal("invoices.read invoices.write", result.Claims["scope"]);

        await using var connection = new NpgsqlConnection(_service.Database.Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM open_iddict_applications WHERE client_secret LIKE '%' || @s || '%'", connection);
        command.Parameters.AddWithValue("s", secret);
        Assert.Equal(0L, await command.ExecuteScalarAsync());

        using var wrong = await anonymous.PostAsync("/connect/token", Form(clientId, secret + "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Tenant_and_client_requests_are_validated()
    {
        var admin = _service!.ClientFor(TestTokens.Issue(null, "platform.admin"));
        var invalid = await ReadAsync(await admin.PostAsJsonAsync("/api/v1/tenants", new { name = "", code = "Not Valid!" }), HttpStatusCode.BadRequest);
        Assert.Equal(["code", "name"], invalid["errors"]!.AsObject().Select(e => e.Key).Order());

        await ReadAsync(await admin.PostAsJsonAsync("/api/v1/tenants", new { name = "One", code = "same" }), HttpStatusCode.Created);
        await ReadAsync(await admin.PostAsJsonAsync("/api/v1/tenants", new { name = "Two", code = "same" }), HttpStatusCode.Conflict);

        var missing = await admin.PostAsJsonAsync($"/api/v1/tenants/{Guid.NewGuid()}/clients", new { name = "x", scopes = new[] { "reports.read" } });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var tenant = await ReadAsync(await admin.PostAsJsonAsync("/api/v1/tenants", new { name = "Three", code = "three" }), HttpStatusCode.Created);
        var scopes = await ReadAsync(await admin.PostAsJsonAsync($"/api/v1/tenants/{tenant["id"]}/clients",
            new { name = "x", scopes = new[] { "platform.admin", "nonsense" } }), HttpStatusCode.BadRequest);
        Assert.Contains("platform.admin", (string?)scopes["errors"]!["scopes"]![0]);

        // Only the platform administrator manages tenants.
        var tenantToken = _service.ClientFor(TestTokens.Issue(Guid.NewGuid(), "customers.read", "customers.write"));
        Assert.Equal(HttpStatusCode.Forbidden, (await tenantToken.PostAsJsonAsync("/api/v1/tenants", new { name = "x", code = "xx" })).StatusCode);
    }

    internal static FormUrlEncodedContent Form(string clientId, string secret) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = secret,
    });

    internal static async Task<string> TokenAsync(HttpClient client, string clientId, string secret)
    {
        var body = await ReadAsync(await client.PostAsync("/connect/token", Form(clientId, secret)), HttpStatusCode.OK);
        return (string)body["access_token"]!;
    }

    internal static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
