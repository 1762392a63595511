using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Collections.Messages;
using ArPlatform.Collections.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Collections.Tests;

/// <summary>
/// One tenant cannot stall the others: a tenant whose stored template is hostile (written before the limits, or
/// straight into the database) gets a failed message, or is cut at its time budget by the daily job, while another
/// tenant's dunning run, after it in the same tick, completes as usual.
/// </summary>
public sealed class TenantIsolationTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    /// <summary>How long a tick may take here: the old code was still reading the hostile body after many minutes.</summary>
    private static readonly TimeSpan TickDeadline = TimeSpan.FromSeconds(90);

    private static string Repeat(string unit, int times) => string.Concat(Enumerable.Repeat(unit, times));

    /// <summary>4,950,000 characters of unclosed tags: under the old output cap of 5,000,000, and quadratic for the old HTML reader.</summary>
    private static readonly string UnclosedTags = "{% for i in (1..99) %}" + Repeat("<a", 25_000) + "{% endfor %}";

    /// <summary>A string built by a hundred thousand appends, each copying what was built: minutes of work under the old limits.</summary>
    private static readonly string AppendLoop =
        "{% for i in (1..100000) %}{% assign s = s | append: '<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a' %}{% endfor %}{{ s }}";

    [Fact]
    public async Task A_hostile_template_fails_its_own_message_and_the_next_tenants_dunning_run_completes()
    {
        await using var c = await CollectionsService.StartAsync(infrastructure);
        var (hostile, calm) = await TwoTenantsAsync(c, UnclosedTags);

        var outcomes = await c.Service.Services.GetRequiredService<DailyJobRunner<CollectionsDbContext>>().TickAsync().WaitAsync(TickDeadline);

        Assert.True(outcomes.Single(o => o.Tenant == calm.Tenant).Succeeded);
        Assert.True(outcomes.Single(o => o.Tenant == hostile.Tenant).Succeeded, "the hostile tenant's run completes too, its message failed");
        var calmMessage = await MessageAsync(c, calm);
        Assert.NotEqual(MessageStatuses.Failed, (string?)calmMessage["status"]);
        Assert.Contains("CALM-1", (string?)calmMessage["text"], StringComparison.Ordinal);
        var hostileMessage = await MessageAsync(c, hostile);
        Assert.Equal(MessageStatuses.Failed, (string?)hostileMessage["status"]);
        Assert.StartsWith("template exceeded", (string?)hostileMessage["lastError"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_over_its_time_budget_is_reported_and_skipped_and_the_next_tenants_dunning_run_completes()
    {
        // Render limits as loose as the old ones, so that only the daily job's budget per tenant can stop the render.
        await using var c = await CollectionsService.StartAsync(infrastructure, settings: new Dictionary<string, string>
        {
            ["Jobs:Daily:TenantBudget"] = "00:00:05",
            ["Collections:Templates:RenderTimeout"] = "00:10:00",
            ["Collections:Templates:MaxSteps"] = "1000000",
            ["Collections:Templates:MaxOutputChars"] = "5000000",
            ["Collections:Templates:MaxCollectionSize"] = "100000",
        });
        var (hostile, calm) = await TwoTenantsAsync(c, AppendLoop);

        var outcomes = await c.Service.Services.GetRequiredService<DailyJobRunner<CollectionsDbContext>>().TickAsync().WaitAsync(TickDeadline);

        var over = outcomes.Single(o => o.Tenant == hostile.Tenant);
        Assert.False(over.Succeeded);
        Assert.Contains("time budget", over.Error, StringComparison.Ordinal);
        Assert.True(outcomes.Single(o => o.Tenant == calm.Tenant).Succeeded);
        Assert.Contains("CALM-1", (string?)(await MessageAsync(c, calm))["text"], StringComparison.Ordinal);

        // What the gateway shows at /api/v1/platform/jobs: the tenant failed, and why.
        var runs = (await c.Service.ClientFor(TestTokens.Issue(null, "platform.admin")).GetFromJsonAsync<JsonObject>("/platform/jobs?job=collections-day"))!["runs"]!.AsArray();
        var failed = runs.Single()!["tenantsFailed"]!.AsArray().Single()!;
        Assert.Equal(hostile.Tenant, (Guid)failed["tenantId"]!);
        Assert.Contains("time budget", (string?)failed["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Putting_or_previewing_a_template_past_the_limits_is_a_problem_naming_the_field_and_the_limit()
    {
        await using var c = await CollectionsService.StartAsync(infrastructure);
        var admin = c.Service.ClientFor(TestTokens.Issue(c.Tenant, "collections.read", "collections.write", "collections.admin"));

        var put = await admin.PutAsJsonAsync("/api/v1/collections/templates/payment-reminder", new { channel = "email", subject = "Dues", body = AppendLoop });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        var error = (string?)(await put.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["body"]![0];
        Assert.StartsWith("template exceeded", error, StringComparison.Ordinal);
        Assert.Contains("Collections:Templates:", error, StringComparison.Ordinal);

        // One stored before the limits (or straight into the database): its preview says the same, and does not hang.
        var (hostile, _) = await TwoTenantsAsync(c, UnclosedTags);
        var preview = await c.ClientOf(hostile.Tenant).GetAsync($"/api/v1/collections/templates/payment-reminder/preview?customerId={hostile.Customer}")
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, preview.StatusCode);
        Assert.StartsWith("template exceeded", (string?)(await preview.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["body"]![0], StringComparison.Ordinal);
    }

    private sealed record Party(Guid Tenant, Guid Customer);

    /// <summary>
    /// Two tenants, the hostile one first (tenants run in the order of their ids), each with an account whose invoice
    /// fell due yesterday (so the reminder email is due); the hostile one's reminder template is <paramref name="body"/>,
    /// stored straight into the database as a template written before the limits would be.
    /// </summary>
    private static async Task<(Party Hostile, Party Calm)> TwoTenantsAsync(CollectionsService c, string body)
    {
        var hostile = await PartyAsync(c, Guid.CreateVersion7(), "HOST");
        var calm = await PartyAsync(c, Guid.CreateVersion7(), "CALM");
        using var scope = c.Service.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(hostile.Tenant);
        var db = scope.ServiceProvider.GetRequiredService<CollectionsDbContext>();
        db.Templates.Add(new TenantTemplate { Code = "payment-reminder", Channel = Channels.Email, Subject = "Dues", Body = body, UpdatedAt = c.Clock.GetUtcNow() });
        await db.SaveChangesAsync();
        return (hostile, calm);
    }

    private static async Task<Party> PartyAsync(CollectionsService c, Guid tenant, string code)
    {
        var customer = Guid.CreateVersion7();
        await c.PublishAsync(new TenantCreated(tenant, code.ToLowerInvariant(), $"{code} Client Ltd", DateTimeOffset.UtcNow));
        await c.PublishAsync(new CustomerRegistered(tenant, customer, code, $"{code} Traders Pvt Ltd", null, DateTimeOffset.UtcNow, null, "dealer", "priya@firm.in", "north"));
        await c.PublishAsync(new CustomerContactAdded(tenant, customer, Guid.CreateVersion7(), "Asha", null, "L1", "+91 98765 43210", $"asha@{code.ToLowerInvariant()}.in", "email"));
        await c.PublishAsync(new InvoiceIssued(tenant, Guid.CreateVersion7(), $"{code}-1", customer, c.Today.AddDays(-31), c.Today.AddDays(-1), 5000m, "INR", DateTimeOffset.UtcNow));
        return new Party(tenant, customer);
    }

    private static async Task<JsonObject> MessageAsync(CollectionsService c, Party party)
    {
        var client = c.ClientOf(party.Tenant);
        var summary = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/messages?customerId={party.Customer}"))!["items"]!.AsArray().Single()!;
        var full = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/messages/{summary["id"]}"))!;
        return new JsonObject
        {
            ["status"] = (string?)summary["status"],
            ["lastError"] = (string?)summary["lastError"],
            ["text"] = (string?)full["text"],
        };
    }
}
