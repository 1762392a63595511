using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Testing;

namespace ArPlatform.Collections.Tests;

/// <summary>Collections keeps its own view of issued invoices and lists the overdue ones to chase.</summary>
public sealed class WorklistTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenantA = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;

    public async Task InitializeAsync() => _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "collectionsdb");

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task Overdue_invoices_of_the_tenant_are_listed_most_overdue_first_once_each()
    {
        var late = Events.InvoiceIssued(_tenantA, "INV-LATE", new(2026, 6, 1), new(2026, 7, 1), 900m);
        var later = Events.InvoiceIssued(_tenantA, "INV-LATER", new(2026, 9, 1), new(2026, 10, 1), 100m);
        var current = Events.InvoiceIssued(_tenantA, "INV-CURRENT", new(2026, 11, 1), new(2026, 12, 1), 50m);
        var duplicate = Guid.NewGuid();
        await Events.PublishAsync(_service!.Services, late, duplicate);
        await Events.PublishAsync(_service.Services, late, duplicate);
        await Events.PublishAsync(_service.Services, later);
        await Events.PublishAsync(_service.Services, current);
        await Events.PublishAsync(_service.Services, Events.InvoiceIssued(Guid.CreateVersion7(), "OTHER-TENANT", new(2026, 1, 1), new(2026, 1, 2), 1m));

        var a = _service.ClientFor(TestTokens.Issue(_tenantA, "collections.read"));
        JsonObject? worklist = null;
        await ServiceHost.EventuallyAsync(async () =>
        {
            worklist = await a.GetFromJsonAsync<JsonObject>("/api/v1/collections/worklist?asOf=2026-11-22");
            return (int)worklist!["total"]! == 2;
        }, "both overdue invoices in the worklist");

        var items = worklist!["items"]!.AsArray();
        Assert.Equal(["INV-LATE", "INV-LATER"], items.Select(i => (string)i!["number"]!));
        Assert.Equal(144, (int)items[0]!["daysOverdue"]!);
        Assert.Equal(900m, (decimal)items[0]!["amount"]!);
    }
}
