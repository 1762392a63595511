using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Collections.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Collections.Tests;

/// <summary>
/// Least privilege in Collections: a collector cannot reduce what a customer owes without cash nor change what the
/// client's customers receive; a team lead may, up to the tenant's limit, and the client's approver above it; every such
/// change is kept with who made it, and the client's SPOC hears of changes to letters and routing.
/// </summary>
public sealed class SegregationOfDutiesTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private static readonly string[] CollectorScopes = ["collections.read", "collections.write", "customers.read", "invoices.read", "documents.read"];
    private static readonly string[] TeamLeadScopes = ["collections.read", "collections.write", "collections.admin", "credits.approve", "customers.read"];
    private static readonly string[] ApproverScopes = ["collections.read", "credits.approve", "customers.read", "invoices.read", "reports.read"];

    private CollectionsService _c = null!;

    public async Task InitializeAsync() => _c = await CollectionsService.StartAsync(infrastructure);

    public async Task DisposeAsync() => await _c.DisposeAsync();

    private HttpClient Person(string role, string name, string[] scopes) => _c.Service.ClientFor(TestTokens.IssuePerson(_c.Tenant, role, name, scopes));

    [Fact]
    public async Task A_collector_cannot_resolve_a_dispute_with_a_credit_a_team_lead_can_and_is_recorded_in_the_dispute_the_event_and_the_audit()
    {
        var customer = await _c.CustomerAsync("SOD");
        await _c.InvoiceAsync(customer, "SOD-1", _c.Today.AddDays(-5), 5000m);
        var collector = Person("collector", "Priya Collector", CollectorScopes);
        var dispute = await RaiseAsync(collector, customer, "SOD-1");

        var refused = await collector.PostAsJsonAsync($"/api/v1/collections/disputes/{dispute}/resolve", new { outcome = "valid" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("credits.approve", await refused.Content.ReadAsStringAsync());
        Assert.Equal("open", await StatusAsync(dispute));
        Assert.Empty(await ResolvedEventsAsync());

        var lead = Person("team-lead", "Asha Lead", TeamLeadScopes);
        var resolved = await lead.PostAsJsonAsync($"/api/v1/collections/disputes/{dispute}/resolve", new { outcome = "partial", creditAmount = 1500m });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var body = (await resolved.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("Asha Lead", "team-lead"), ((string?)body["resolvedByName"], (string?)body["resolvedAs"]));

        var @event = Assert.Single(await ResolvedEventsAsync());
        Assert.Equal((1500m, "Asha Lead", "team-lead", "credits.approve"),
            (@event.CreditAmount, @event.Approval!.Name, @event.Approval.Authority, @event.Approval.Right));
        var audit = Assert.Single(await AuditAsync("dispute-credit"));
        Assert.Equal((dispute.ToString(), "Asha Lead", 1500m), ((string?)audit["key"], (string?)audit["changedByName"], (decimal)audit["newValue"]!["credit"]!));
    }

    [Fact]
    public async Task A_collector_may_resolve_a_dispute_as_invalid_which_moves_no_money()
    {
        var customer = await _c.CustomerAsync("INV");
        await _c.InvoiceAsync(customer, "INV-1", _c.Today.AddDays(-5), 800m);
        var collector = Person("collector", "Priya Collector", CollectorScopes);
        var dispute = await RaiseAsync(collector, customer, "INV-1");
        var resolved = await collector.PostAsJsonAsync($"/api/v1/collections/disputes/{dispute}/resolve", new { outcome = "invalid" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Null(Assert.Single(await ResolvedEventsAsync()).Approval);
    }

    [Fact]
    public async Task Above_the_tenants_limit_only_the_clients_approver_may_credit()
    {
        (await _c.Client.PutAsJsonAsync("/api/v1/collections/settings", new { promiseGraceDays = 0, creditApprovalLimit = 1000m })).EnsureSuccessStatusCode();
        var customer = await _c.CustomerAsync("LIM");
        await _c.InvoiceAsync(customer, "LIM-1", _c.Today.AddDays(-5), 5000m);
        var dispute = await RaiseAsync(_c.Client, customer, "LIM-1");
        var lead = Person("team-lead", "Asha Lead", TeamLeadScopes);

        var aboveLimit = await lead.PostAsJsonAsync($"/api/v1/collections/disputes/{dispute}/resolve", new { outcome = "valid" });
        Assert.Equal(HttpStatusCode.Forbidden, aboveLimit.StatusCode);
        Assert.Contains("client's approver", await aboveLimit.Content.ReadAsStringAsync());

        var approver = Person("client-approver", "Ravi Client", ApproverScopes);
        var approved = await approver.PostAsJsonAsync($"/api/v1/collections/disputes/{dispute}/resolve", new { outcome = "valid" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(("client-approver", 5000m), (Assert.Single(await ResolvedEventsAsync()).Approval!.Authority, Assert.Single(await ResolvedEventsAsync()).CreditAmount));
    }

    [Fact]
    public async Task A_collector_cannot_change_templates_settings_or_strategies()
    {
        var collector = Person("collector", "Priya Collector", CollectorScopes);
        var template = await collector.PutAsJsonAsync("/api/v1/collections/templates/payment-reminder",
            new { channel = "email", subject = "Pay now", body = "<p>Pay to account 123 at another bank</p>" });
        var settings = await collector.PutAsJsonAsync("/api/v1/collections/settings", new { spoc = new { name = "Mallory", email = "mallory@evil.example" } });
        var strategy = await collector.PostAsJsonAsync("/api/v1/collections/strategies",
            new { code = "hold-all", name = "Hold everyone", priority = 1000, steps = new[] { new { code = "hold", name = "Hold", dayOffset = 0, action = "credit-hold" } } });
        Assert.Equal(new[] { HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden }, new[] { template.StatusCode, settings.StatusCode, strategy.StatusCode });
        Assert.Empty(await AuditAsync(null));
    }

    [Fact]
    public async Task A_team_leads_changes_are_kept_with_the_old_and_new_value_and_the_spoc_is_told_of_a_template_or_a_routing_change()
    {
        var lead = Person("team-lead", "Asha Lead", TeamLeadScopes);
        async Task PutAsync(string path, object body)
        {
            _c.Clock.Advance(TimeSpan.FromMinutes(1)); // one change a minute, so that newest-first is one order
            (await lead.PutAsJsonAsync(path, body)).EnsureSuccessStatusCode();
        }

        await PutAsync("/api/v1/collections/settings", new { spoc = new { name = "Sunita Rao", email = "sunita@client.example" }, promiseGraceDays = 2 });
        await PutAsync("/api/v1/collections/templates/payment-reminder",
            new { channel = "email", subject = "Reminder: {{ totals.dunned | inr }} overdue", body = "<p>Dear {{ contact.name }}, please pay.</p>" });
        await PutAsync("/api/v1/collections/settings", new { spoc = new { name = "Sunita Rao", email = "sunita@client.example" }, promiseGraceDays = 3 });
        await PutAsync("/api/v1/collections/settings", new { spoc = new { name = "Vikram Shah", email = "vikram@client.example" }, promiseGraceDays = 3 });
        _c.Clock.Advance(TimeSpan.FromMinutes(1));
        await _c.PublishAsync(new AgingBucketsChanged(_c.Tenant, [15, 45], _c.Clock.GetUtcNow(), "lead-sub", "Asha Lead", "team-lead"));

        var audit = await AuditAsync(null);
        Assert.Equal(["aging-buckets", "settings", "settings", "template", "settings"], audit.Select(a => (string)a["entity"]!));
        Assert.All(audit, a => Assert.Equal("Asha Lead", (string?)a["changedByName"]));
        var template = Assert.Single(await AuditAsync("template"));
        Assert.Equal((true, "Reminder: {{ totals.dunned | inr }} overdue"), ((bool)template["oldValue"]!["isDefault"]!, (string?)template["newValue"]!["subject"]));
        var spocChange = audit[1];
        Assert.Equal(("sunita@client.example", "vikram@client.example"), ((string?)spocChange["oldValue"]!["spoc"]!["email"], (string?)spocChange["newValue"]!["spoc"]!["email"]));
        var buckets = audit[0];
        Assert.Equal(("[30,60,90,180]", "[15,45]"), (buckets["oldValue"]!.ToJsonString(), buckets["newValue"]!.ToJsonString()));
        foreach (var bad in new[] { "entity=everything", "from=0001-01-01", "to=9999-12-31", "from=2026-13-01" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await _c.Client.GetAsync($"/api/v1/collections/audit?{bad}")).StatusCode);
        }

        Assert.Empty((await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/audit?from={_c.Today.AddDays(1):yyyy-MM-dd}"))!["items"]!.AsArray());

        // The SPOC hears of the template and of the SPOC's own change (both the old and the new address); the grace days are no routing.
        var notices = (await _c.Client.GetFromJsonAsync<JsonObject>("/api/v1/collections/messages?pageSize=100"))!["items"]!.AsArray()
            .Where(m => (string?)m!["templateCode"] == "config-change-notice").Select(m => ((string)m!["toAddress"]!, (string)m["subject"]!)).OrderBy(m => m).ToList();
        Assert.Equal(
            [
                ("sunita@client.example", "Changed in your collections: the payment-reminder template (email)"),
                ("sunita@client.example", "Changed in your collections: where disputes and escalations are sent"),
                ("sunita@client.example", "Changed in your collections: where disputes and escalations are sent"),
                ("vikram@client.example", "Changed in your collections: where disputes and escalations are sent"),
            ], notices);
    }

    [Fact]
    public async Task Another_tenants_changes_are_not_in_the_audit()
    {
        var other = _c.ClientOf(Guid.CreateVersion7());
        (await other.PutAsJsonAsync("/api/v1/collections/settings", new { promiseGraceDays = 1 })).EnsureSuccessStatusCode();
        Assert.Empty(await AuditAsync(null));
        Assert.Equal(HttpStatusCode.Forbidden, (await _c.Service.ClientFor(TestTokens.Issue(_c.Tenant, "customers.read")).GetAsync("/api/v1/collections/audit")).StatusCode);
    }

    private async Task<Guid> RaiseAsync(HttpClient client, Guid customer, string invoice)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/disputes", new { invoiceNumber = invoice, reason = "pricing" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
    }

    private async Task<string?> StatusAsync(Guid dispute) => (string?)(await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/disputes/{dispute}"))!["status"];

    private async Task<List<JsonObject>> AuditAsync(string? entity) =>
        [.. (await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/audit{(entity is null ? "" : $"?entity={entity}")}"))!["items"]!.AsArray().Select(i => i!.AsObject())];

    private async Task<List<DisputeResolved>> ResolvedEventsAsync()
    {
        using var scope = _c.Service.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(_c.Tenant);
        var db = scope.ServiceProvider.GetRequiredService<CollectionsDbContext>();
        var bodies = await db.OutboxMessages.Where(m => m.TenantId == _c.Tenant && m.Type.Contains(nameof(DisputeResolved))).Select(m => m.Body).ToListAsync();
        return [.. bodies.Select(b => JsonSerializer.Deserialize<DisputeResolved>(b, JsonSerializerOptions.Web)!)];
    }
}
