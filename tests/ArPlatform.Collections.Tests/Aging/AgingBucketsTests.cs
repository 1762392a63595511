using System.Text.Json.Nodes;
using ArPlatform.Contracts;
using ArPlatform.Testing;

namespace ArPlatform.Collections.Tests;

/// <summary>
/// The account view (and so the workbench's account page) ages what is open in the tenant's buckets, as Reporting announces them
/// (each publish below waits until Collections has consumed the message).
/// </summary>
public sealed class AgingBucketsTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private CollectionsService _c = null!;

    public async Task InitializeAsync() => _c = await CollectionsService.StartAsync(infrastructure);

    public async Task DisposeAsync() => await _c.DisposeAsync();

    [Fact]
    public async Task The_account_is_aged_in_the_tenants_latest_buckets_and_not_in_another_tenants()
    {
        var customer = await _c.CustomerAsync("AGE");
        var today = _c.Today;
        await _c.InvoiceAsync(customer, "A-1", today.AddDays(5), 1m);
        await _c.InvoiceAsync(customer, "A-2", today.AddDays(-10), 2m);
        await _c.InvoiceAsync(customer, "A-3", today.AddDays(-20), 4m);
        await _c.InvoiceAsync(customer, "A-4", today.AddDays(-50), 8m);
        await _c.InvoiceAsync(customer, "A-5", today.AddDays(-100), 16m);
        await _c.EventuallyAsync($"/api/v1/collections/accounts/{customer}", a => a["openItems"]!.AsArray().Count == 5);
        Assert.Equal(["Not due", "1-30", "31-60", "61-90", "91-180", "180+"], Labels(await _c.AccountAsync(customer)));

        var changedAt = _c.Clock.GetUtcNow();
        await _c.PublishAsync(new AgingBucketsChanged(_c.Tenant, [15, 45, 90], changedAt));
        await _c.PublishAsync(new AgingBucketsChanged(Guid.CreateVersion7(), [10], changedAt.AddMinutes(1)));
        var account = await _c.AccountAsync(customer);
        Assert.Equal(["Not due", "1-15", "16-45", "46-90", "90+"], Labels(account));
        Assert.Equal([1m, 2m, 4m, 8m, 16m], account["totals"]!["aging"]!.AsArray().Select(b => (decimal)b!["amount"]!));

        // An older change arriving late leaves the newer one.
        await _c.PublishAsync(new AgingBucketsChanged(_c.Tenant, [30, 60], changedAt.AddMinutes(-5)));
        await _c.PublishAsync(new AgingBucketsChanged(_c.Tenant, [15, 45, 90], changedAt), Guid.NewGuid());
        Assert.Equal(["Not due", "1-15", "16-45", "46-90", "90+"], Labels(await _c.AccountAsync(customer)));
    }

    private static List<string> Labels(JsonObject account) => [.. account["totals"]!["aging"]!.AsArray().Select(b => (string)b!["bucket"]!)];
}
