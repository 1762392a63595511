using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;
using ArPlatform.Testing;
using Npgsql;

namespace ArPlatform.Customers.Tests;

/// <summary>What Customers tells Collections (contacts, the customer's type, collector and portfolio) and the credit holds Collections asks for.</summary>
public sealed class CollectionsEventsTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "customersdb");
        _client = _service.ClientFor(TestTokens.Issue(_tenant, "customers.read", "customers.write"));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_added_contact_is_published_through_the_outbox_with_its_details()
    {
        var customer = await RegisterAsync(new { code = "CC-1", name = "Contact Co" });
        var added = await _client.PostAsJsonAsync($"/api/v1/customers/{customer}/contacts",
            new { name = "R. Iyer", role = "CFO", escalationLevel = "L3", phone = "+91 98765 43210", email = "cfo@contact.co.in" });
        added.EnsureSuccessStatusCode();
        var contactId = Guid.Parse((string)(await added.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);

        var (message, _) = Assert.Single(await OutboxAsync<CustomerContactAdded>());
        Assert.Equal(new CustomerContactAdded(_tenant, customer, contactId, "R. Iyer", "CFO", "L3", "+91 98765 43210", "cfo@contact.co.in", "phone"), message);
        await ServiceHost.EventuallyAsync(async () => (await OutboxAsync<CustomerContactAdded>()).Single().Sent, "the relay to publish CustomerContactAdded");

        // A refused contact publishes nothing.
        var refused = await _client.PostAsJsonAsync($"/api/v1/customers/{customer}/contacts", new { name = "x", escalationLevel = "L9", email = "x@y.in" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Single(await OutboxAsync<CustomerContactAdded>());
    }

    [Fact]
    public async Task Registered_and_updated_events_carry_the_type_collector_and_portfolio()
    {
        var customer = await RegisterAsync(new { code = "TY-1", name = "Typed Co", type = "distributor", assignedCollector = "asha", portfolio = "West-1" });
        var registered = Assert.Single(await OutboxAsync<CustomerRegistered>()).Message;
        Assert.Equal(("distributor", "asha", "West-1"), (registered.Type, registered.AssignedCollector, registered.Portfolio));

        (await _client.PatchAsJsonAsync($"/api/v1/customers/{customer}", new { type = "psu" })).EnsureSuccessStatusCode();
        var updated = Assert.Single(await OutboxAsync<CustomerUpdated>()).Message;
        Assert.Equal(("psu", "asha", "West-1"), (updated.Type, updated.AssignedCollector, updated.Portfolio));
    }

    [Fact]
    public async Task A_requested_credit_hold_puts_the_customer_on_hold_by_hand_once()
    {
        var customer = await RegisterAsync(new { code = "HOLD-1", name = "Slow Payer" });
        var request = new CreditHoldRequested(_tenant, customer, "Dunning step L3: 60 days overdue", DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();
        using var consumed = new ConsumedMessages(_service!.Services);
        await Events.PublishAsync(_service.Services, request, messageId);
        await Events.PublishAsync(_service.Services, request, messageId);
        await consumed.WaitAsync<CreditHoldRequested>(messageId, times: 2);

        var credit = await CreditAsync(customer);
        Assert.Equal((true, "Dunning step L3: 60 days overdue"), ((bool)credit["onHold"]!, (string?)credit["holdReason"]));
        var (changed, _) = Assert.Single(await OutboxAsync<CreditHoldChanged>());
        Assert.Equal((customer, true, "Dunning step L3: 60 days overdue"), (changed.CustomerId, changed.OnHold, changed.Reason));

        // Already on hold by hand: another request (another message) changes nothing.
        var again = Guid.NewGuid();
        await Events.PublishAsync(_service.Services, request with { Reason = "Dunning step L4" }, again);
        await consumed.WaitAsync<CreditHoldRequested>(again);
        Assert.Equal("Dunning step L3: 60 days overdue", (string?)(await CreditAsync(customer))["holdReason"]);
        Assert.Single(await OutboxAsync<CreditHoldChanged>());
    }

    [Fact]
    public async Task A_requested_credit_hold_turns_an_automatic_hold_into_one_by_hand_that_a_payment_does_not_lift()
    {
        var customer = await RegisterAsync(new { code = "HOLD-2", name = "Over Limit", terms = new { netDays = 30 } });
        (await _client.PutAsJsonAsync($"/api/v1/customers/{customer}/credit-limit", new { limit = 1000m, reason = "Opening limit" })).EnsureSuccessStatusCode();
        var invoice = new InvoiceIssued(_tenant, Guid.CreateVersion7(), "OL-1", customer, new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), 1500m, "INR",
            DateTimeOffset.UtcNow);
        await Events.PublishAsync(_service!.Services, invoice);
        await ServiceHost.EventuallyAsync(async () => (bool)(await CreditAsync(customer))["onHold"]!, "the automatic hold over the limit");

        using var consumed = new ConsumedMessages(_service.Services);
        var messageId = Guid.NewGuid();
        await Events.PublishAsync(_service.Services, new CreditHoldRequested(_tenant, customer, "Promise to pay broken twice", DateTimeOffset.UtcNow), messageId);
        await consumed.WaitAsync<CreditHoldRequested>(messageId);
        Assert.Equal("Promise to pay broken twice", (string?)(await CreditAsync(customer))["holdReason"]);

        // Back under the limit the automatic hold would be lifted; the hold by hand stays.
        var paid = new PaymentAllocated(_tenant, Guid.CreateVersion7(), customer, invoice.InvoiceId, "OL-1", invoice.DueDate, new DateOnly(2026, 10, 5), 1000m, 0m, 0m);
        var payment = Guid.NewGuid();
        await Events.PublishAsync(_service.Services, paid, payment);
        await consumed.WaitAsync<PaymentAllocated>(payment);
        var credit = await CreditAsync(customer);
        Assert.Equal((500m, true, "Promise to pay broken twice"), ((decimal)credit["exposure"]!, (bool)credit["onHold"]!, (string?)credit["holdReason"]));
    }

    [Fact]
    public async Task A_credit_hold_requested_for_an_unknown_customer_is_consumed_and_changes_nothing()
    {
        var messageId = Guid.NewGuid();
        using var consumed = new ConsumedMessages(_service!.Services);
        await Events.PublishAsync(_service.Services, new CreditHoldRequested(_tenant, Guid.CreateVersion7(), "Dunning step L3", DateTimeOffset.UtcNow), messageId);
        await consumed.WaitAsync<CreditHoldRequested>(messageId);

        // The inbox row commits only with a handling that succeeded: no exception, no retry, no error queue.
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM inbox_messages WHERE message_id = @id AND consumer = 'CreditHoldRequestedConsumer'", connection);
        command.Parameters.AddWithValue("id", messageId);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
        Assert.Empty(await OutboxAsync<CreditHoldChanged>());
    }

    private async Task<Guid> RegisterAsync(object body)
    {
        var created = await _client.PostAsJsonAsync("/api/v1/customers", body);
        created.EnsureSuccessStatusCode();
        return Guid.Parse((string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
    }

    private async Task<JsonObject> CreditAsync(Guid customer) =>
        (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customer}"))!["credit"]!.AsObject();

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_service!.Database.Admin);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The tenant's outbox rows of type <typeparamref name="T"/>, oldest first, and whether each was relayed.</summary>
    private async Task<List<(T Message, bool Sent)>> OutboxAsync<T>() where T : class, IIntegrationEvent
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT body, sent_at IS NOT NULL FROM outbox_messages WHERE type = @type AND tenant_id = @t ORDER BY id", connection);
        command.Parameters.AddWithValue("type", OutboxModel.TypeName(typeof(T)));
        command.Parameters.AddWithValue("t", _tenant);
        var rows = new List<(T, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((JsonSerializer.Deserialize<T>(reader.GetString(0), OutboxModel.Json)!, reader.GetBoolean(1)));
        }

        return rows;
    }
}
