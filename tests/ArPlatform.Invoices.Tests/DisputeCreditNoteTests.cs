using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;
using ArPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ArPlatform.Invoices.Tests;

/// <summary>A dispute resolved with a credit issues one credit note on its invoice, however often it is delivered.</summary>
public sealed class DisputeCreditNoteTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.CreateVersion7();
    private readonly Guid _customer = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "invoicesdb");
        _client = _service.ClientFor(TestTokens.Issue(_tenant, "invoices.read", "invoices.write"));
        await KnownCustomers.RegisterAsync(_service.Services, _tenant, _customer, "DSP-CUST");
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_valid_dispute_credits_its_invoice_once_however_often_it_is_resolved_or_delivered()
    {
        var invoice = await IssueAsync("DSP-1", 5000m);
        var resolved = Resolved(invoice, "DSP-1", "valid", 1000m);
        Assert.StartsWith("CN-DSP-", resolved.CreditNoteNumber);

        using var consumed = new ConsumedMessages(_service!.Services);
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await Events.PublishAsync(_service.Services, resolved, first);
        await Events.PublishAsync(_service.Services, resolved, first);                                      // redelivered
        await Events.PublishAsync(_service.Services, resolved with { ResolvedAt = DateTimeOffset.UtcNow }, second); // resolved again
        await consumed.WaitAsync<DisputeResolved>(first, times: 2);
        await consumed.WaitAsync<DisputeResolved>(second);

        Assert.Equal(4000m, await OpenAsync(invoice));
        var note = Assert.Single(await CreditNoteLinesAsync());
        Assert.Equal((resolved.CreditNoteNumber, "DSP-1", "2026-11-20", 1000m),
            ((string?)note["reference"], (string?)note["invoiceNumber"], (string?)note["date"], (decimal)note["credit"]!));
        Assert.Equal(1L, await OutboxCountAsync<CreditNoteIssued>());
        Assert.Equal(2L, await InboxCountAsync());
    }

    [Fact]
    public async Task A_credit_above_what_is_open_is_capped_at_it_and_settles_the_invoice()
    {
        var invoice = await IssueAsync("DSP-2", 800m);
        using var consumed = new ConsumedMessages(_service!.Services);
        var messageId = Guid.NewGuid();
        await Events.PublishAsync(_service.Services, Resolved(invoice, "DSP-2", "partial", 1000m), messageId);
        await consumed.WaitAsync<DisputeResolved>(messageId);

        var status = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/invoices/{invoice}");
        Assert.Equal(("paid", 0m), ((string?)status!["status"], (decimal)status["openAmount"]!));
        Assert.Equal(800m, (decimal)Assert.Single(await CreditNoteLinesAsync())["credit"]!);
        Assert.Equal(1L, await OutboxCountAsync<InvoiceSettled>());
    }

    [Fact]
    public async Task No_credit_nothing_open_or_a_refused_note_issue_nothing_and_fail_no_message()
    {
        var invoice = await IssueAsync("DSP-3", 500m);
        var settled = await IssueAsync("DSP-4", 300m);
        (await _client.PostAsJsonAsync("/api/v1/credit-notes", new { number = "CN-BY-HAND", customerId = _customer, date = "2026-11-10", amount = 300m, invoiceNumber = "DSP-4" }))
            .EnsureSuccessStatusCode();

        using var consumed = new ConsumedMessages(_service!.Services);
        var messages = new (DisputeResolved Message, Guid Id)[]
        {
            (Resolved(invoice, "DSP-3", "invalid", 0m), Guid.NewGuid()),
            (Resolved(settled, "DSP-4", "valid", 100m), Guid.NewGuid()),
            (Resolved(invoice, "DSP-3", "valid", 100m) with { ResolvedOn = new DateOnly(2026, 10, 1) }, Guid.NewGuid()), // before the invoice date
            (Resolved(Guid.CreateVersion7(), "NO-SUCH", "valid", 100m), Guid.NewGuid()),
        };
        foreach (var (message, id) in messages)
        {
            await Events.PublishAsync(_service.Services, message, id);
        }

        foreach (var (_, id) in messages)
        {
            await consumed.WaitAsync<DisputeResolved>(id);
        }

        Assert.Equal(500m, await OpenAsync(invoice));
        Assert.Equal(["CN-BY-HAND"], (await CreditNoteLinesAsync()).Select(l => (string?)l["reference"]));
        Assert.Equal((long)messages.Length, await InboxCountAsync());
    }

    private DisputeResolved Resolved(Guid invoiceId, string invoiceNumber, string outcome, decimal credit) =>
        new(_tenant, Guid.CreateVersion7(), _customer, invoiceId, invoiceNumber, outcome, credit, "Short supply confirmed by the warehouse",
            new DateOnly(2026, 11, 20), DateTimeOffset.UtcNow);

    private async Task<Guid> IssueAsync(string number, decimal amount)
    {
        var response = await _client.PostAsJsonAsync("/api/v1/invoices",
            new { number, customerId = _customer, invoiceDate = "2026-11-02", dueDate = "2026-12-02", amount, currency = "INR" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return Guid.Parse((string)JsonNode.Parse(text)!["id"]!);
    }

    private async Task<decimal> OpenAsync(Guid invoiceId) =>
        (decimal)(await _client.GetFromJsonAsync<JsonObject>($"/api/v1/invoices/{invoiceId}"))!["openAmount"]!;

    private async Task<List<JsonObject>> CreditNoteLinesAsync()
    {
        var statement = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/statements/{_customer}?from=2026-11-01&to=2026-11-30");
        return [.. statement!["lines"]!.AsArray().Select(l => l!.AsObject()).Where(l => (string?)l["type"] == "Credit note")];
    }

    private Task<long> OutboxCountAsync<T>() =>
        CountAsync("SELECT count(*) FROM outbox_messages WHERE type = @type AND tenant_id = @tenant", ("type", OutboxModel.TypeName(typeof(T))), ("tenant", _tenant));

    /// <summary>The messages the consumer handled to the end: its inbox row commits only with a handling that did not throw.</summary>
    private Task<long> InboxCountAsync() => CountAsync("SELECT count(*) FROM inbox_messages WHERE consumer = 'DisputeResolvedConsumer'");

    private async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(_service!.Database.Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
