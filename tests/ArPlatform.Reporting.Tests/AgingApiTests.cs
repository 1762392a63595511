using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Contracts;
using ArPlatform.Testing;

namespace ArPlatform.Reporting.Tests;

/// <summary>Aging over HTTP as of past and present dates, from invoice and payment events.</summary>
public sealed class AgingApiTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;

    public async Task InitializeAsync() => _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "reportingdb");

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task Payments_reduce_aging_from_their_effective_date_and_a_redelivered_allocation_counts_once()
    {
        var invoice = Events.InvoiceIssued(_tenant, "A-1", new(2026, 9, 1), new(2026, 10, 1), 1000m);
        await Events.PublishAsync(_service!.Services, invoice);
        var allocated = new PaymentAllocated(_tenant, Guid.CreateVersion7(), invoice.CustomerId, invoice.InvoiceId, "A-1",
            invoice.DueDate, new DateOnly(2026, 11, 10), 390m, 10m, 0m);
        var messageId = Guid.NewGuid();
        await Events.PublishAsync(_service.Services, allocated, messageId);
        await Events.PublishAsync(_service.Services, allocated, messageId);

        var client = _service.ClientFor(TestTokens.Issue(_tenant, "reports.read"));
        await ServiceHost.EventuallyAsync(async () => await TotalAsync(client, "2026-11-22") == 600m, "the payment to show in aging");
        Assert.Equal(1000m, await TotalAsync(client, "2026-11-09"));
        Assert.Equal(0m, await TotalAsync(client, "2026-08-31"));

        // A further payment that settles the rest takes the customer off the report from its date.
        await Events.PublishAsync(_service.Services, allocated with { PaymentId = Guid.CreateVersion7(), EffectiveDate = new(2026, 11, 20), Cash = 600m, Tds = 0m });
        await ServiceHost.EventuallyAsync(async () => await TotalAsync(client, "2026-11-22") == 0m, "the invoice to be settled");
        var report = await client.GetFromJsonAsync<JsonObject>("/api/v1/reports/aging?asOf=2026-11-22");
        Assert.Empty(report!["customers"]!.AsArray());
        Assert.Equal(600m, await TotalAsync(client, "2026-11-19"));

        // The first payment bounces on 2026-11-21: its 400 is open again from that date.
        await Events.PublishAsync(_service.Services, new PaymentReversed(_tenant, allocated.PaymentId, invoice.CustomerId, new DateOnly(2026, 11, 21),
            "Cheque bounced", [new ReversedSettlement(invoice.InvoiceId, invoice.DueDate, 400m)]));
        await ServiceHost.EventuallyAsync(async () => await TotalAsync(client, "2026-11-22") == 400m, "the reversal to reopen 400");
        Assert.Equal(0m, await TotalAsync(client, "2026-11-20"));
    }

    [Fact]
    public async Task A_credit_note_against_an_invoice_reduces_aging_from_its_date()
    {
        var invoice = Events.InvoiceIssued(_tenant, "C-1", new(2026, 9, 1), new(2026, 10, 1), 1000m);
        await Events.PublishAsync(_service!.Services, invoice);
        await Events.PublishAsync(_service.Services, new CreditNoteIssued(_tenant, Guid.CreateVersion7(), "CN-1", invoice.CustomerId,
            new DateOnly(2026, 10, 15), 300m, invoice.InvoiceId, "C-1", invoice.DueDate));
        await Events.PublishAsync(_service.Services, new CreditNoteIssued(_tenant, Guid.CreateVersion7(), "CN-2", invoice.CustomerId,
            new DateOnly(2026, 10, 15), 50m, null, null, null));

        var client = _service.ClientFor(TestTokens.Issue(_tenant, "reports.read"));
        await ServiceHost.EventuallyAsync(async () => await TotalAsync(client, "2026-11-22") == 700m, "the credit note in aging");
        Assert.Equal(1000m, await TotalAsync(client, "2026-10-14"));
    }

    private static async Task<decimal> TotalAsync(HttpClient client, string asOf) =>
        (decimal)(await client.GetFromJsonAsync<JsonObject>($"/api/v1/reports/aging?asOf={asOf}"))!["total"]!;
}
