using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Testing;

namespace ArPlatform.Documents.Tests;

/// <summary>Documents tracks every issued invoice until its documents are complete.</summary>
public sealed class PendingDocumentsTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenantA = Guid.CreateVersion7();
    private readonly Guid _tenantB = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;

    public async Task InitializeAsync() => _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "documentsdb");

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task Issued_invoices_wait_for_documents_in_their_own_tenant_only()
    {
        await Events.PublishAsync(_service!.Services, Events.InvoiceIssued(_tenantA, "INV-2", new(2026, 10, 2), new(2026, 11, 1), 10m));
        await Events.PublishAsync(_service.Services, Events.InvoiceIssued(_tenantA, "INV-1", new(2026, 10, 1), new(2026, 11, 1), 10m));

        var a = _service.ClientFor(TestTokens.Issue(_tenantA, "documents.read"));
        JsonObject? pending = null;
        await ServiceHost.EventuallyAsync(async () =>
        {
            pending = await a.GetFromJsonAsync<JsonObject>("/api/v1/documents/pending");
            return (int)pending!["total"]! == 2;
        }, "both invoices pending");
        Assert.Equal(["INV-1", "INV-2"], pending!["items"]!.AsArray().Select(i => (string)i!["number"]!));

        var b = _service.ClientFor(TestTokens.Issue(_tenantB, "documents.read"));
        Assert.Equal(0, (int)(await b.GetFromJsonAsync<JsonObject>("/api/v1/documents/pending"))!["total"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await _service.ClientFor(TestTokens.Issue(_tenantA, "collections.read")).GetAsync("/api/v1/documents/pending")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await a.GetAsync("/api/v1/documents/pending?page=0")).StatusCode);
    }
}
