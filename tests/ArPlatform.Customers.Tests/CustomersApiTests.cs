using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ArPlatform.Customers.Tests;

/// <summary>The customers API in process against real PostgreSQL, RabbitMQ and Redis.</summary>
public sealed class CustomersApiTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenantA = Guid.CreateVersion7();
    private readonly Guid _tenantB = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;

    public async Task InitializeAsync() => _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "customersdb");

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    private HttpClient Client(Guid? tenant, params string[] scopes) => _service!.ClientFor(TestTokens.Issue(tenant, scopes));

    [Fact]
    public async Task A_registered_customer_is_found_by_its_tenant_only_and_its_event_is_in_the_outbox()
    {
        var a = Client(_tenantA, "customers.read", "customers.write");
        var created = await a.PostAsJsonAsync("/api/v1/customers", new { code = "C-9", name = "Kaveri Steels", gstin = "37AAACI1681G2ZN" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.EndsWith($"/api/v1/customers/{id}", created.Headers.Location!.ToString());

        var fetched = await a.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{id}");
        Assert.Equal("Kaveri Steels", (string?)fetched!["name"]);
        Assert.Equal("37AAACI1681G2ZN", (string?)fetched["gstin"]);

        var b = Client(_tenantB, "customers.read", "customers.write");
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/customers/{id}")).StatusCode);
        Assert.Equal(0, (int)(await b.GetFromJsonAsync<JsonObject>("/api/v1/customers"))!["total"]!);
        Assert.Equal(1, (int)(await a.GetFromJsonAsync<JsonObject>("/api/v1/customers?search=kaveri"))!["total"]!);

        await using var connection = new NpgsqlConnection(_service!.Database.Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE type LIKE 'ArPlatform.Contracts.CustomerRegistered,%' AND tenant_id = @t", connection);
        command.Parameters.AddWithValue("t", _tenantA);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_GSTIN_gives_state_region_and_PAN_and_a_distributors_subtree_holds_its_dealers()
    {
        var a = Client(_tenantA, "customers.read", "customers.write");
        async Task<JsonObject> RegisterAsync(object body)
        {
            var response = await a.PostAsJsonAsync("/api/v1/customers", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, text);
            return JsonNode.Parse(text)!.AsObject();
        }

        var distributor = await RegisterAsync(new { code = "DIST-W", name = "Western Distributors Pvt Ltd", gstin = "27AAQCA8719H1Z6", type = "distributor", tags = new[] { "key" } });
        Assert.Equal(("27", "Maharashtra", "West", "AAQCA8719H"), ((string)distributor["stateCode"]!, (string)distributor["stateName"]!, (string)distributor["region"]!, (string)distributor["pan"]!));
        var dealer = await RegisterAsync(new
        {
            code = "DLR-1",
            name = "Pune Traders",
            type = "dealer",
            parentId = (string)distributor["id"]!,
            stateCode = "27",
            addresses = new[] { new { kind = "billing", line1 = "12 MG Road", city = "Pune", stateCode = "27", pincode = "411001" } }
        });
        var subDealer = await RegisterAsync(new { code = "DLR-1A", name = "Pune Traders Branch", type = "dealer", parentId = (string)dealer["id"]! });
        await RegisterAsync(new { code = "OTHER", name = "Unrelated Ltd" });
        Assert.Equal("Pune", (string?)dealer["addresses"]![0]!["city"]);

        var subtree = await a.GetFromJsonAsync<JsonObject>($"/api/v1/customers?under={distributor["id"]}");
        Assert.Equal(["DIST-W", "DLR-1", "DLR-1A"], subtree!["items"]!.AsArray().Select(c => (string?)c!["code"]));
        var below = await a.GetFromJsonAsync<JsonObject>($"/api/v1/customers?under={dealer["id"]}");
        Assert.Equal(["DLR-1", "DLR-1A"], below!["items"]!.AsArray().Select(c => (string?)c!["code"]));
        Assert.Equal((string?)dealer["id"], (string?)subDealer["parentId"]);
        var west = await a.GetFromJsonAsync<JsonObject>("/api/v1/customers?region=West");
        Assert.Equal(2, (int)west!["total"]!);

        // The events carry the region and the parent: Reporting's dealer roll-up and regional figures are built from them.
        await using (var connection = new NpgsqlConnection(_service!.Database.Admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT body FROM outbox_messages WHERE type LIKE 'ArPlatform.Contracts.CustomerRegistered,%' AND tenant_id = @t", connection);
            command.Parameters.AddWithValue("t", _tenantA);
            var events = new List<JsonObject>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    events.Add(JsonNode.Parse(reader.GetString(0), new JsonNodeOptions { PropertyNameCaseInsensitive = true })!.AsObject());
                }
            }

            var registered = events.ToDictionary(e => (string)e["code"]!);
            Assert.Equal(("West", null), ((string?)registered["DIST-W"]["region"], (string?)registered["DIST-W"]["parentId"]));
            Assert.Equal(((string?)distributor["id"], "West"), ((string?)registered["DLR-1"]["parentId"], (string?)registered["DLR-1"]["region"]));
            Assert.Equal((string?)dealer["id"], (string?)registered["DLR-1A"]["parentId"]);
        }

        var mismatch = await a.PostAsJsonAsync("/api/v1/customers", new { code = "BAD-PAN", name = "X", gstin = "27AAQCA8719H1Z6", pan = "AAPPV8261K" });
        var problem = await mismatch.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("inside the GSTIN", (string?)problem!["errors"]!["pan"]![0]);
        var bad = await a.PostAsJsonAsync("/api/v1/customers", new
        {
            code = "BAD-2",
            name = "X",
            pan = "ABMXA3211G",
            type = "shop",
            parentId = Guid.NewGuid(),
            stateCode = "55",
            addresses = new[] { new { kind = "billing", line1 = "x", city = "y", pincode = "011001" } },
        });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["addresses[0].pincode", "pan", "parentId", "stateCode", "type"], errors.Select(e => e.Key).Order());

        // Another tenant cannot hang a customer under this tenant's distributor.
        var b = Client(_tenantB, "customers.read", "customers.write");
        var foreign = await b.PostAsJsonAsync("/api/v1/customers", new { code = "X-1", name = "X", parentId = (string)distributor["id"]! });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
    }

    [Fact]
    public async Task Exposure_follows_the_invoice_events_once_each_and_puts_the_customer_on_hold_over_its_limit()
    {
        var a = Client(_tenantA, "customers.read", "customers.write");
        var created = await a.PostAsJsonAsync("/api/v1/customers", new { code = "CR-1", name = "Credit Buyer", terms = new { netDays = 30 } });
        var id = Guid.Parse((string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);

        var bad = await a.PutAsJsonAsync($"/api/v1/customers/{id}/credit-limit", new { limit = -5m });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("limit") && errors.ContainsKey("reason"));
        var set = await a.PutAsJsonAsync($"/api/v1/customers/{id}/credit-limit", new { limit = 1000m, reason = "Opening limit after KYC" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        (await a.PutAsJsonAsync($"/api/v1/customers/{id}/credit-limit", new { limit = 1200m, reason = "Two years without a late payment" })).EnsureSuccessStatusCode();
        var history = await a.GetFromJsonAsync<JsonArray>($"/api/v1/customers/{id}/credit-limit/history");
        Assert.Equal([(null, 1000m), (1000m, 1200m)], history!.Select(h => ((decimal?)h!["oldLimit"], (decimal)h["newLimit"]!)));
        Assert.False(string.IsNullOrEmpty((string?)history![1]!["changedBy"]));

        var invoice = new ArPlatform.Contracts.InvoiceIssued(_tenantA, Guid.CreateVersion7(), "CR-INV-1", id, new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1),
            1500m, "INR", DateTimeOffset.UtcNow);
        await Events.PublishAsync(_service!.Services, invoice);
        var credit = await CreditAsync(a, id, c => (decimal)c["exposure"]! == 1500m);
        Assert.Equal((true, "exposure over the credit limit", 30), ((bool)credit["onHold"]!, (string?)credit["holdReason"], (int)credit["terms"]!["netDays"]!));

        var paid = new ArPlatform.Contracts.PaymentAllocated(_tenantA, Guid.CreateVersion7(), id, invoice.InvoiceId, "CR-INV-1", invoice.DueDate,
            new DateOnly(2026, 10, 5), 590m, 10m, 0m);
        var messageId = Guid.NewGuid();
        using var consumed = new ConsumedMessages(_service.Services);
        await Events.PublishAsync(_service.Services, paid, messageId);
        await Events.PublishAsync(_service.Services, paid, messageId);
        credit = await CreditAsync(a, id, c => (decimal)c["exposure"]! == 900m);
        Assert.False((bool)credit["onHold"]!);
        await consumed.WaitAsync<ArPlatform.Contracts.PaymentAllocated>(messageId, times: 2);
        Assert.Equal(900m, (decimal)(await CreditAsync(a, id, _ => true))["exposure"]!); // the redelivery counted once

        // A hold by hand stays whatever the exposure; released by hand, the automatic rule applies again.
        Assert.Equal(HttpStatusCode.BadRequest, (await a.PostAsJsonAsync($"/api/v1/customers/{id}/hold", new { reason = "" })).StatusCode);
        var held = await (await a.PostAsJsonAsync($"/api/v1/customers/{id}/hold", new { reason = "Cheque bounced twice" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal((true, "Cheque bounced twice"), ((bool)held!["onHold"]!, (string?)held["holdReason"]));
        var released = await (await a.PostAsJsonAsync($"/api/v1/customers/{id}/release", new { reason = "Replacement cheque cleared" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.False((bool)released!["onHold"]!);

        var b = Client(_tenantB, "customers.read", "customers.write");
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsJsonAsync($"/api/v1/customers/{id}/hold", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PutAsJsonAsync($"/api/v1/customers/{id}/credit-limit", new { limit = 1m, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/customers/{id}/credit-limit/history")).StatusCode);
    }

    [Theory]
    [InlineData("+91 98765 43210", true)]
    [InlineData("9876543210", true)]
    [InlineData("09876543210", true)]
    [InlineData("022-24567890", true)]
    [InlineData("+91 12345 67890", false)] // neither a mobile (starts with 1) nor a landline
    [InlineData("5876543210", false)]     // mobiles start with 6-9
    [InlineData("98765", false)]
    public void Indian_phone_numbers(string phone, bool valid) => Assert.Equal(valid, ArPlatform.Customers.Contacts.ContactEndpoints.IsIndianPhone(phone));

    [Fact]
    public async Task Contacts_carry_their_escalation_level_and_are_validated()
    {
        var a = Client(_tenantA, "customers.read", "customers.write");
        var created = await a.PostAsJsonAsync("/api/v1/customers", new { code = "CT-1", name = "Contact Co" });
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        (await a.PostAsJsonAsync($"/api/v1/customers/{id}/contacts", new { name = "R. Iyer", role = "CFO", escalationLevel = "L3", phone = "+91 98765 43210" })).EnsureSuccessStatusCode();
        (await a.PostAsJsonAsync($"/api/v1/customers/{id}/contacts", new { name = "AP desk", escalationLevel = "L1", email = "ap@contact.co.in", preferredChannel = "email" })).EnsureSuccessStatusCode();
        var bad = await a.PostAsJsonAsync($"/api/v1/customers/{id}/contacts", new { name = "", escalationLevel = "L4", phone = "12345", email = "not-an-email" });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["email", "escalationLevel", "name", "phone"], errors.Select(e => e.Key).Order());

        var contacts = await a.GetFromJsonAsync<JsonArray>($"/api/v1/customers/{id}/contacts");
        Assert.Equal(["L1", "L3"], contacts!.Select(c => (string?)c!["escalationLevel"]));
        Assert.Equal("phone", (string?)contacts![1]!["preferredChannel"]);
        var b = Client(_tenantB, "customers.read", "customers.write");
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/customers/{id}/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsJsonAsync($"/api/v1/customers/{id}/contacts", new { name = "x", escalationLevel = "L1", email = "a@b.in" })).StatusCode);
    }

    private static async Task<JsonObject> CreditAsync(HttpClient client, Guid id, Func<JsonObject, bool> done)
    {
        JsonObject? credit = null;
        await ServiceHost.EventuallyAsync(async () =>
        {
            credit = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{id}"))!["credit"]!.AsObject();
            return done(credit);
        }, "the customer's credit profile");
        return credit!;
    }

    [Fact]
    public async Task Details_change_with_an_event_and_collectors_are_reassigned_in_bulk_within_the_tenant()
    {
        var a = Client(_tenantA, "customers.read", "customers.write");
        async Task<string> Register(string code, string collector, string? parentId = null)
        {
            var created = await a.PostAsJsonAsync("/api/v1/customers", new { code, name = code, assignedCollector = collector, parentId });
            created.EnsureSuccessStatusCode();
            return (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        }

        var distributor = await Register("RA-DIST", "asha");
        var dealer1 = await Register("RA-D1", "asha", distributor);
        var dealer2 = await Register("RA-D2", "ravi", distributor);
        var other = await Register("RA-OTHER", "asha");
        var b = Client(_tenantB, "customers.read", "customers.write");
        var foreign = (string)(await (await b.PostAsJsonAsync("/api/v1/customers", new { code = "RA-B", name = "B", assignedCollector = "asha" }))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var patched = await a.PatchAsJsonAsync($"/api/v1/customers/{dealer1}", new { terms = new { netDays = 45 }, tradeName = "Dealer One", portfolio = "" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = (await patched.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((45, "Dealer One", "RA-D1", "asha"), ((int)body["terms"]!["netDays"]!, (string?)body["tradeName"], (string?)body["name"], (string?)body["assignedCollector"]));
        var found = await a.GetFromJsonAsync<JsonObject>("/api/v1/customers?search=dealer%20one"); // a new trade name is searchable at once
        Assert.Equal([dealer1], found!["items"]!.AsArray().Select(c => (string)c!["id"]!));
        var bad = await a.PatchAsJsonAsync($"/api/v1/customers/{dealer1}", new { name = " ", type = "shop" });
        Assert.Equal(["name", "type"], (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await b.PatchAsJsonAsync($"/api/v1/customers/{dealer1}", new { name = "taken over" })).StatusCode);

        // Asha's customers under the distributor move to Meena; Ravi's dealer, Asha's other customer and tenant B's customer stay.
        var none = await a.PostAsJsonAsync("/api/v1/customers/reassign", new { toCollector = "meena" });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        var moved = await a.PostAsJsonAsync("/api/v1/customers/reassign", new { fromCollector = "asha", under = distributor, toCollector = "meena", portfolio = "North-2" });
        Assert.Equal(2, (int)(await moved.Content.ReadFromJsonAsync<JsonObject>())!["reassigned"]!);
        var meena = await a.GetFromJsonAsync<JsonObject>("/api/v1/customers?collector=meena");
        Assert.Equal([distributor, dealer1], meena!["items"]!.AsArray().Select(c => (string)c!["id"]!).Order());
        Assert.All(meena["items"]!.AsArray(), c => Assert.Equal("North-2", (string?)c!["portfolio"]));
        var byIds = await a.PostAsJsonAsync("/api/v1/customers/reassign", new { customerIds = new[] { dealer2, other, foreign }, toCollector = "meena" });
        Assert.Equal(2, (int)(await byIds.Content.ReadFromJsonAsync<JsonObject>())!["reassigned"]!);
        Assert.Equal("asha", (string?)(await b.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{foreign}"))!["assignedCollector"]);

        await using var connection = new NpgsqlConnection(_service!.Database.Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE type LIKE 'ArPlatform.Contracts.CustomerUpdated,%' AND tenant_id = @t", connection);
        command.Parameters.AddWithValue("t", _tenantA);
        Assert.Equal(5L, await command.ExecuteScalarAsync()); // one patch, four moves
    }

    [Fact]
    public async Task Tokens_are_checked_by_the_service_itself()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _service!.ClientFor(null).GetAsync("/api/v1/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await _service.ClientFor(TestTokens.IssueWithUnknownKey(_tenantA, "customers.read")).GetAsync("/api/v1/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(_tenantA, "customers.read").PostAsJsonAsync("/api/v1/customers", new { code = "X", name = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(null, "customers.read").GetAsync("/api/v1/customers")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_a_taken_code_is_a_conflict()
    {
        var a = Client(_tenantA, "customers.read", "customers.write");
        var bad = await a.PostAsJsonAsync("/api/v1/customers", new { code = new string('x', 51), name = "", gstin = "99AAACI1681G1Z4" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["code", "gstin", "name"], errors.Select(e => e.Key).Order());

        Assert.Equal(HttpStatusCode.Created, (await a.PostAsJsonAsync("/api/v1/customers", new { code = "DUP", name = "One" })).StatusCode);
        var conflict = await a.PostAsJsonAsync("/api/v1/customers", new { code = "DUP", name = "Two" });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, (int)(await a.GetFromJsonAsync<JsonObject>("/api/v1/customers"))!["total"]!);

        // Every text has its length, an address its kind from a known set, a list its last page; a NUL is refused, not a 500.
        var tooLong = await a.PostAsJsonAsync("/api/v1/customers", new
        {
            code = "LONG",
            name = "Long Ltd",
            tradeName = "T\u0000",
            addresses = new object?[]
            {
                new { kind = "billing", line1 = new string('x', 100_000), line2 = new string('y', 201), city = new string('z', 101), pincode = "41100" },
                new { kind = "moon-base", line1 = "1 Road", city = "Pune" },
                new { line1 = "2 Road", city = "Pune" },
                null,
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(["addresses[0].city", "addresses[0].line1", "addresses[0].line2", "addresses[0].pincode", "addresses[1].kind", "addresses[2].kind",
                "addresses[3].city", "addresses[3].kind", "addresses[3].line1", "tradeName"],
            (await tooLong.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        var shipping = await a.PostAsJsonAsync("/api/v1/customers", new
        {
            code = "ADDR",
            name = "Addressed Ltd",
            addresses = new[] { new { kind = "shipping", line1 = new string('x', 200), line2 = "Near the station", city = "Pune", pincode = "411001" } },
        });
        Assert.Equal(HttpStatusCode.Created, shipping.StatusCode);
        var id = (string)(await shipping.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var patch = await a.PatchAsJsonAsync($"/api/v1/customers/{id}", new { name = new string('n', 201), assignedCollector = "asha\u0000" });
        Assert.Equal(["assignedCollector", "name"], (await patch.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Order());
        var reassign = await a.PostAsJsonAsync("/api/v1/customers/reassign", new { fromCollector = new string('c', 101), toCollector = "ravi" });
        Assert.Equal(["fromCollector"], (await reassign.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        var search = await a.GetAsync($"/api/v1/customers?search={new string('k', 201)}");
        Assert.Equal(HttpStatusCode.BadRequest, search.StatusCode);
        Assert.True((await search.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("search"));
        var nul = await a.GetAsync("/api/v1/customers?collector=a%00b");
        Assert.True((await nul.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("collector"));
        var lastPage = await a.GetAsync("/api/v1/customers?page=2147483647");
        Assert.Equal(HttpStatusCode.BadRequest, lastPage.StatusCode);
        Assert.True((await lastPage.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("page"));
        Assert.Equal(HttpStatusCode.BadRequest, (await a.GetAsync("/api/v1/customers?search=kaveri&page=2147483647")).StatusCode);

        // The same code in another tenant is another customer.
        Assert.Equal(HttpStatusCode.Created, (await Client(_tenantB, "customers.write").PostAsJsonAsync("/api/v1/customers", new { code = "DUP", name = "Three" })).StatusCode);
    }
}
