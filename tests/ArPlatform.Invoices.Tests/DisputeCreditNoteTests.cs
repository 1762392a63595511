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
        _client = _service.ClientFor(TestTokens.Issue(_tenant, "invoices.read", "invoices.write", "credits.approve"));
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

    private static readonly CreditApproval TeamLead = new("7f3c2d1e-lead", "Asha Rao", "team-lead", "credits.approve");

    private DisputeResolved Resolved(Guid invoiceId, string invoiceNumber, string outcome, decimal credit, CreditApproval? approval = null) =>
        new(_tenant, Guid.CreateVersion7(), _customer, invoiceId, invoiceNumber, outcome, credit, "Short supply confirmed by the warehouse",
            new DateOnly(2026, 11, 20), DateTimeOffset.UtcNow, credit > 0 ? approval ?? TeamLead : null);

    [Fact]
    public async Task A_credit_whose_event_does_not_show_the_right_issues_no_note_and_an_approved_one_is_recorded_with_its_approver()
    {
        var invoice = await IssueAsync("DSP-5", 1000m);
        using var consumed = new ConsumedMessages(_service!.Services);
        var unapproved = Resolved(invoice, "DSP-5", "valid", 1000m) with { Approval = null };
        var wrongRight = Resolved(invoice, "DSP-5", "valid", 1000m, new CreditApproval("collector-1", "Priya", "collector", "collections.write"));
        var approved = Resolved(invoice, "DSP-5", "partial", 400m);
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        await Events.PublishAsync(_service.Services, unapproved, ids[0]);
        await Events.PublishAsync(_service.Services, wrongRight, ids[1]);
        await consumed.WaitAsync<DisputeResolved>(ids[0]);
        await consumed.WaitAsync<DisputeResolved>(ids[1]);
        Assert.Equal(1000m, await OpenAsync(invoice));

        await Events.PublishAsync(_service.Services, approved, ids[2]);
        await consumed.WaitAsync<DisputeResolved>(ids[2]);
        Assert.Equal(600m, await OpenAsync(invoice));
        var record = Assert.Single((await _client.GetFromJsonAsync<JsonObject>("/api/v1/invoices/non-cash-approvals?kind=credit_note"))!["items"]!.AsArray());
        Assert.Equal((approved.CreditNoteNumber, 400m, "7f3c2d1e-lead", "Asha Rao", "team-lead", approved.DisputeId.ToString()),
            ((string?)record!["reference"], (decimal)record["amount"]!, (string?)record["approvedBy"], (string?)record["approvedByName"], (string?)record["authority"],
                (string?)record["disputeId"]));
    }

    [Fact]
    public async Task Credit_notes_write_offs_and_cancellations_need_the_credits_right_beside_invoices_write_and_record_who_approved_them()
    {
        var (a, b, c) = (await IssueAsync("NC-1", 900m), await IssueAsync("NC-2", 700m), await IssueAsync("NC-3", 500m));
        var writer = _service!.ClientFor(TestTokens.IssueForClient(_tenant, "erp-writer", "invoices.read", "invoices.write"));
        var creditNote = new { number = "CN-NC-1", customerId = _customer, date = "2026-11-10", amount = 100m, invoiceNumber = "NC-1" };
        var writeOff = new { reason = "Customer insolvent", writtenOffOn = "2026-11-10" };
        var cancel = new { reason = "Raised twice", cancelledOn = "2026-11-10" };
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.PostAsJsonAsync("/api/v1/credit-notes", creditNote)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.PostAsJsonAsync($"/api/v1/invoices/{b}/write-off", writeOff)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.PostAsJsonAsync($"/api/v1/invoices/{c}/cancel", cancel)).StatusCode);
        Assert.Equal((900m, 700m, 500m), (await OpenAsync(a), await OpenAsync(b), await OpenAsync(c)));

        var approver = _service.ClientFor(TestTokens.IssueForClient(_tenant, "erp-approver", "invoices.read", "invoices.write", "credits.approve"));
        (await approver.PostAsJsonAsync("/api/v1/credit-notes", creditNote)).EnsureSuccessStatusCode();
        (await approver.PostAsJsonAsync($"/api/v1/invoices/{b}/write-off", writeOff)).EnsureSuccessStatusCode();
        (await approver.PostAsJsonAsync($"/api/v1/invoices/{c}/cancel", cancel)).EnsureSuccessStatusCode();
        var records = (await approver.GetFromJsonAsync<JsonObject>("/api/v1/invoices/non-cash-approvals"))!["items"]!.AsArray();
        Assert.Equal(
            [("cancellation", "NC-3", 500m, "Raised twice"), ("write_off", "NC-2", 700m, "Customer insolvent"), ("credit_note", "CN-NC-1", 100m, (string?)null)],
            records.Select(r => ((string)r!["kind"]!, (string)r["reference"]!, (decimal)r["amount"]!, (string?)r["reason"])));
        Assert.All(records, r => Assert.Equal(("erp-approver", "api-client"), ((string?)r!["approvedBy"], (string?)r["authority"])));
        Assert.Equal(HttpStatusCode.BadRequest, (await approver.GetAsync("/api/v1/invoices/non-cash-approvals?from=0001-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _service.ClientFor(TestTokens.Issue(_tenant, "customers.read")).GetAsync("/api/v1/invoices/non-cash-approvals")).StatusCode);
        var otherTenant = _service.ClientFor(TestTokens.Issue(Guid.CreateVersion7(), "invoices.read"));
        Assert.Empty((await otherTenant.GetFromJsonAsync<JsonObject>("/api/v1/invoices/non-cash-approvals"))!["items"]!.AsArray());
    }

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
