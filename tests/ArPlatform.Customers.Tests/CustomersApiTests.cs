using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ArPlatform.Customers.Tests;

/// <summary>The customers API in process against real PostgreSQL, RabbitMQ and Redis.</summary>
public sealed class CustomersApiTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenantA = Guid.CreateVersion7();
    private readonly Guid _tenantB = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;

    public async Task InitializeAsync() => _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "customersdb");

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    private HttpClient Client(Guid? tenant, params string[] scopes) => _service!.ClientFor(TestTokens.Issue(tenant, scopes));

    [Fact]
    public async Task A_registered_customer_is_found_by_its_tenant_only_and_its_event_is_in_the_outbox()
    {
        var a = Client(_tenantA, "customers.read", "customers.write");
        var created = await a.PostAsJsonAsync("/api/v1/customers", new { code = "C-9", name = "Kaveri Steels", gstin = "37AAACI1681G2ZN" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.EndsWith($"/api/v1/customers/{id}", created.Headers.Location!.ToString());

        var fetched = await a.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{id}");
        Assert.Equal("Kaveri Steels", (string?)fetched!["name"]);
        Assert.Equal("37AAACI1681G2ZN", (string?)fetched["gstin"]);

        var b = Client(_tenantB, "customers.read", "customers.write");
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/customers/{id}")).StatusCode);
        Assert.Equal(0, (int)(await b.GetFromJsonAsync<JsonObject>("/api/v1/customers"))!["total"]!);
        Assert.Equal(1, (int)(await a.GetFromJsonAsync<JsonObject>("/api/v1/customers?search=kaveri"))!["total"]!);

        await using var connection = new NpgsqlConnection(_service!.Services.GetRequiredService<BuildingBlocks.Persistence.DatabaseConnections<Persistence.CustomersDbContext>>().Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE type LIKE 'ArPlatform.Contracts.CustomerRegistered,%' AND tenant_id = @t", connection);
        command.Parameters.AddWithValue("t", _tenantA);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Tokens_are_checked_by_the_service_itself()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _service!.ClientFor(null).GetAsync("/api/v1/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await _service.ClientFor(TestTokens.IssueWithUnknownKey(_tenantA, "customers.read")).GetAsync("/api/v1/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(_tenantA, "customers.read").PostAsJsonAsync("/api/v1/customers", new { code = "X", name = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(null, "customers.read").GetAsync("/api/v1/customers")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_a_taken_code_is_a_conflict()
    {
        var a = Client(_tenantA, "customers.read", "customers.write");
        var bad = await a.PostAsJsonAsync("/api/v1/customers", new { code = new string('x', 51), name = "", gstin = "99AAACI1681G1Z4" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["code", "gstin", "name"], errors.Select(e => e.Key).Order());

        Assert.Equal(HttpStatusCode.Created, (await a.PostAsJsonAsync("/api/v1/customers", new { code = "DUP", name = "One" })).StatusCode);
        var conflict = await a.PostAsJsonAsync("/api/v1/customers", new { code = "DUP", name = "Two" });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, (int)(await a.GetFromJsonAsync<JsonObject>("/api/v1/customers"))!["total"]!);

        // The same code in another tenant is another customer.
        Assert.Equal(HttpStatusCode.Created, (await Client(_tenantB, "customers.write").PostAsJsonAsync("/api/v1/customers", new { code = "DUP", name = "Three" })).StatusCode);
    }
}
