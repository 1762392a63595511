using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Collections.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Collections.Tests;

/// <summary>
/// Staff tokens: the tenant a request acts for is named with X-Tenant and must be one the token grants; a person's
/// worklist ranks their accounts of every tenant they hold, and row-level security admits no other tenant's rows.
/// </summary>
public sealed class StaffAcrossTenantsTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private const string Priya = "priya@firm.in";
    private CollectionsService _c = null!;
    private readonly Guid _north = Guid.CreateVersion7();
    private readonly Guid _south = Guid.CreateVersion7();
    private readonly Guid _other = Guid.CreateVersion7();

    public async Task InitializeAsync()
    {
        _c = await CollectionsService.StartAsync(infrastructure);
        await _c.PublishAsync(new TenantCreated(_north, "north", "North Agro Ltd", DateTimeOffset.UtcNow));
        await _c.PublishAsync(new TenantCreated(_south, "south", "South Steel Ltd", DateTimeOffset.UtcNow));
        await _c.PublishAsync(new TenantCreated(_other, "other", "Other Client Ltd", DateTimeOffset.UtcNow));
    }

    public async Task DisposeAsync() => await _c.DisposeAsync();

    private HttpClient Staff(Guid[]? tenants, string collector = Priya, string? tenantHeader = null, params string[] scopes)
    {
        var client = _c.Service.ClientFor(TestTokens.IssueStaff(tenants, collector, scopes.Length == 0 ? ["collections.read", "collections.write"] : scopes));
        if (tenantHeader is not null)
        {
            client.DefaultRequestHeaders.Add("X-Tenant", tenantHeader);
        }

        return client;
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<JsonArray> MineAsync(HttpClient client, string query = "")
    {
        JsonArray items = [];
        await ServiceHost.EventuallyAsync(async () =>
        {
            items = (await ReadAsync(await client.GetAsync("/api/v1/collections/my-worklist" + query), HttpStatusCode.OK))["items"]!.AsArray();
            return items.Count > 0;
        }, "my-worklist");
        return items;
    }

    [Fact]
    public async Task A_collectors_worklist_ranks_their_accounts_of_every_tenant_they_hold_each_naming_its_tenant_and_none_of_another()
    {
        var today = _c.Today;
        await _c.CustomerOfAsync(_north, "NBIG", Priya, today.AddDays(-40), 250_000m);
        await _c.CustomerOfAsync(_south, "SMID", Priya, today.AddDays(-20), 90_000m);
        await _c.CustomerOfAsync(_south, "SRAVI", "ravi@firm.in", today.AddDays(-60), 500_000m);
        await _c.CustomerOfAsync(_other, "OBIG", Priya, today.AddDays(-90), 900_000m);

        var rows = await MineAsync(Staff([_north, _south]));
        Assert.Equal(["NBIG", "SMID"], rows.Select(r => (string?)r!["account"]!["code"]));
        Assert.Equal([_north.ToString(), _south.ToString()], rows.Select(r => (string?)r!["tenantId"]));
        Assert.Equal(["North Agro Ltd", "South Steel Ltd"], rows.Select(r => (string?)r!["tenantName"]));
        Assert.True((int)rows[0]!["account"]!["score"]! >= (int)rows[1]!["account"]!["score"]!);
        Assert.Equal(["SMID"], (await MineAsync(Staff([_north, _south]), $"?tenant={_south}")).Select(r => (string?)r!["account"]!["code"]));

        // "all" holds every tenant Collections knows.
        Assert.Equal(["OBIG", "NBIG", "SMID"], (await MineAsync(Staff(null))).Select(r => (string?)r!["account"]!["code"]));

        var bad = await ReadAsync(await Staff([_north]).GetAsync($"/api/v1/collections/my-worklist?promise=someday&tenant={_other}"), HttpStatusCode.BadRequest);
        Assert.Contains("promise", bad["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("tenant", bad["errors"]!.AsObject().Select(e => e.Key));
        var partner = await ReadAsync(await _c.ClientOf(_north).GetAsync("/api/v1/collections/my-worklist"), HttpStatusCode.Forbidden);
        Assert.Contains("worklist?collector=", (string?)partner["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Row_level_security_admits_only_the_read_set_even_to_a_query_that_forgets_to_filter_and_never_for_writes()
    {
        var today = _c.Today;
        await _c.CustomerOfAsync(_north, "RLSN", Priya, today.AddDays(-10), 10_000m);
        await _c.CustomerOfAsync(_other, "RLSO", Priya, today.AddDays(-10), 10_000m);
        await MineAsync(Staff(null));

        using var scope = _c.Service.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<BuildingBlocks.Tenancy.TenantContext>().SetReadTenants([_north]);
        var db = scope.ServiceProvider.GetRequiredService<CollectionsDbContext>();
        var codes = await db.Database.SqlQuery<string>($"SELECT code AS \"Value\" FROM worklist_entries").ToListAsync();
        Assert.Contains("RLSN", codes);
        Assert.DoesNotContain("RLSO", codes);
        // Accounts have no read-set policy: nothing without the one tenant.
        Assert.Empty(await db.Database.SqlQuery<string>($"SELECT code AS \"Value\" FROM accounts").ToListAsync());
        // Reading across tenants never lets a write through.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE worklist_entries SET score = 0 WHERE code = 'RLSN'").ContinueWith(t =>
            t.Result == 0 ? throw new InvalidOperationException("no row updated") : t.Result));
    }

    [Fact]
    public async Task X_Tenant_must_name_a_tenant_the_staff_token_grants_and_means_nothing_with_a_partners_token()
    {
        var customer = await _c.CustomerOfAsync(_north, "XTEN", Priya, _c.Today.AddDays(-5), 5_000m);
        await ServiceHost.EventuallyAsync(async () => (await Staff([_north, _south], tenantHeader: _north.ToString()).GetAsync($"/api/v1/collections/accounts/{customer}")).IsSuccessStatusCode, "account");

        var elsewhere = await ReadAsync(await Staff([_south], tenantHeader: _north.ToString()).GetAsync($"/api/v1/collections/accounts/{customer}"), HttpStatusCode.Forbidden);
        Assert.Contains("does not give you tenant", (string?)elsewhere["detail"], StringComparison.Ordinal);
        await ReadAsync(await Staff([_north], tenantHeader: "north").GetAsync("/api/v1/collections/worklist"), HttpStatusCode.BadRequest);
        // Two tenants and no header: the request acts for none.
        Assert.Equal(HttpStatusCode.Forbidden, (await Staff([_north, _south]).GetAsync("/api/v1/collections/worklist")).StatusCode);
        // One tenant: the header is needless.
        await ReadAsync(await Staff([_north]).GetAsync($"/api/v1/collections/accounts/{customer}"), HttpStatusCode.OK);
        await ReadAsync(await Staff(null, tenantHeader: _north.ToString()).GetAsync($"/api/v1/collections/accounts/{customer}"), HttpStatusCode.OK);

        // A partner of South naming North is still South.
        var partner = _c.ClientOf(_south);
        partner.DefaultRequestHeaders.Add("X-Tenant", _north.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/v1/collections/accounts/{customer}")).StatusCode);
        // A read-only token cannot write, whatever tenant it names.
        var viewer = Staff([_north], scopes: "collections.read");
        using var write = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/collections/accounts/{customer}/activities") { Content = JsonContent.Create(new { type = "call", disposition = "no-answer" }) };
        write.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.SendAsync(write)).StatusCode);
    }

    [Fact]
    public async Task A_persons_tasks_of_every_tenant_they_hold_come_in_one_list_and_those_of_another_tenant_do_not()
    {
        var north = await _c.CustomerOfAsync(_north, "TASKN", Priya, _c.Today.AddDays(-3), 3_000m);
        var other = await _c.CustomerOfAsync(_other, "TASKO", Priya, _c.Today.AddDays(-3), 3_000m);
        await ServiceHost.EventuallyAsync(async () => (await Staff([_north], tenantHeader: _north.ToString()).GetAsync($"/api/v1/collections/accounts/{north}")).IsSuccessStatusCode, "account");
        await ServiceHost.EventuallyAsync(async () => (await _c.ClientOf(_other).GetAsync($"/api/v1/collections/accounts/{other}")).IsSuccessStatusCode, "account");
        var nextAction = new { date = _c.Today.ToString("yyyy-MM-dd"), type = "call", assignee = Priya };
        await ReadAsync(await Staff([_north], tenantHeader: _north.ToString()).PostAsJsonAsync($"/api/v1/collections/accounts/{north}/activities",
            new { type = "call", disposition = "callback", nextAction }), HttpStatusCode.Created);
        await ReadAsync(await _c.ClientOf(_other).PostAsJsonAsync($"/api/v1/collections/accounts/{other}/activities",
            new { type = "call", disposition = "callback", nextAction }), HttpStatusCode.Created);

        var text = await (await Staff([_north, _south]).GetAsync("/api/v1/collections/my-tasks")).Content.ReadAsStringAsync();
        var tasks = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsArray();
        var task = Assert.Single(tasks);
        Assert.Equal((_north.ToString(), "North Agro Ltd", north.ToString()), ((string?)task!["tenantId"], (string?)task["tenantName"], (string?)task["customerId"]));
        Assert.Equal(2, (await (await Staff(null).GetAsync("/api/v1/collections/my-tasks")).Content.ReadFromJsonAsync<JsonArray>())!.Count);
        // The activity names the person by their collector code, as assignments do.
        var activities = await ReadAsync(await Staff([_north], tenantHeader: _north.ToString()).GetAsync($"/api/v1/collections/accounts/{north}/activities"), HttpStatusCode.OK);
        Assert.Equal(Priya, (string?)activities["items"]![0]!["loggedBy"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await _c.ClientOf(_north).GetAsync("/api/v1/collections/my-tasks")).StatusCode);
    }
}
