using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ArPlatform.ServiceDefaults;
using ArPlatform.ServiceDefaults.Mail;
using ArPlatform.Testing;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using MimeKit;

namespace ArPlatform.EndToEnd.Tests;

/// <summary>
/// One flow across every service through the gateway: two tenants, their clients and tokens, a customer and an
/// invoice in tenant A that reaches A's aging through the outbox and the broker, and tenant B seeing none of it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PlatformFlowTests(PlatformFixture platform)
{
    private static readonly string[] AllTenantScopes =
        ["customers.read", "customers.write", "invoices.read", "invoices.write", "collections.read", "collections.write", "collections.admin",
         "credits.approve", "documents.read", "documents.write", "reports.read"];

    [Fact]
    public async Task Invoice_in_tenant_A_reaches_A_aging_and_tenant_B_sees_none_of_it()
    {
        var admin = await platform.TokenAsync("platform-admin", PlatformFixture.AdminSecret);
        var (tokenA, _, _) = await platform.NewTenantAsync(admin, "tenant-a", AllTenantScopes);
        var (tokenB, _, _) = await platform.NewTenantAsync(admin, "tenant-b", AllTenantScopes);

        var customer = await platform.JsonAsync(HttpMethod.Post, "/api/v1/customers", tokenA,
            new { code = "C-001", name = "Bharat Traders", gstin = "27AAQCA8719H1Z6" }, HttpStatusCode.Created);
        var customerId = (string)customer["id"]!;
        var invoice = await platform.JsonAsync(HttpMethod.Post, "/api/v1/invoices", tokenA, new
        {
            number = "INV-0001",
            customerId,
            invoiceDate = "2026-09-01",
            dueDate = "2026-10-01",
            amount = 118000.50m,
            currency = "INR",
        }, HttpStatusCode.Created);
        var invoiceId = (string)invoice["id"]!;

        var fetched = await platform.JsonAsync(HttpMethod.Get, $"/api/v1/invoices/{invoiceId}", tokenA, null, HttpStatusCode.OK);
        Assert.Equal("INV-0001", (string?)fetched["number"]);
        Assert.Equal(118000.50m, (decimal)fetched["amount"]!);

        var aging = await platform.WaitForAsync(tokenA, "/api/v1/reports/aging?asOf=2026-11-22", a => (decimal)a["total"]! == 118000.50m);
        Assert.Equal("INR", (string?)aging["currency"]);
        var buckets = aging["buckets"]!.AsArray().ToDictionary(b => (string)b!["label"]!, b => (decimal)b!["amount"]!);
        Assert.Equal(["Not due", "1-30", "31-60", "61-90", "91-180", "180+"], buckets.Keys);
        Assert.Equal(118000.50m, buckets["31-60"]); // 52 days past due on 2026-11-22
        Assert.Equal(customerId, (string?)aging["customers"]![0]!["customerId"]);

        // A past as-of date before the invoice existed shows nothing; before its due date it is not due.
        var before = await platform.JsonAsync(HttpMethod.Get, "/api/v1/reports/aging?asOf=2026-08-31", tokenA, null, HttpStatusCode.OK);
        Assert.Equal(0m, (decimal)before["total"]!);
        var notDue = await platform.JsonAsync(HttpMethod.Get, "/api/v1/reports/aging?asOf=2026-09-15", tokenA, null, HttpStatusCode.OK);
        Assert.Equal(118000.50m, (decimal)notDue["buckets"]![0]!["amount"]!);

        // A payment on 2026-11-10 naming the invoice in its remittance settles part of it from that date on.
        var payment = await platform.JsonAsync(HttpMethod.Post, "/api/v1/payments", tokenA, new
        {
            customerId,
            amount = 18000.50m,
            receivedOn = "2026-11-10",
            mode = "NEFT",
            reference = "UTR0001",
            remittance = "Towards INV-0001",
        }, HttpStatusCode.Created);
        Assert.Equal(18000.50m, (decimal)payment["allocations"]![0]!["cash"]!);
        var partlyPaid = await platform.JsonAsync(HttpMethod.Get, $"/api/v1/invoices/{invoiceId}", tokenA, null, HttpStatusCode.OK);
        Assert.Equal((100000m, "partially paid"), ((decimal)partlyPaid["openAmount"]!, (string)partlyPaid["status"]!));
        await platform.WaitForAsync(tokenA, "/api/v1/reports/aging?asOf=2026-11-22", a => (decimal)a["total"]! == 100000m);
        var beforePayment = await platform.JsonAsync(HttpMethod.Get, "/api/v1/reports/aging?asOf=2026-11-09", tokenA, null, HttpStatusCode.OK);
        Assert.Equal(118000.50m, (decimal)beforePayment["total"]!);
        using (var otherTenantsPayment = await platform.SendAsync(HttpMethod.Get, $"/api/v1/payments/{payment["id"]}", tokenB))
        {
            Assert.Equal(HttpStatusCode.NotFound, otherTenantsPayment.StatusCode);
        }

        // The same event fanned out to Collections and Documents, each into its own view.
        var worklist = await platform.WaitForAsync(tokenA, "/api/v1/collections/worklist?asOf=2026-11-22", w => (int)w["total"]! == 1);
        Assert.Equal(52, (int)worklist["items"]![0]!["daysOverdue"]!);
        await platform.WaitForAsync(tokenA, "/api/v1/documents/pending", d => (int)d["total"]! == 1);

        // Tenant B: 404 on A's ids, empty lists and reports.
        foreach (var path in new[] { $"/api/v1/customers/{customerId}", $"/api/v1/invoices/{invoiceId}" })
        {
            using var response = await platform.SendAsync(HttpMethod.Get, path, tokenB);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        foreach (var path in new[] { "/api/v1/customers", "/api/v1/invoices", "/api/v1/collections/worklist?asOf=2026-11-22", "/api/v1/documents/pending" })
        {
            var list = await platform.JsonAsync(HttpMethod.Get, path, tokenB, null, HttpStatusCode.OK);
            Assert.Equal(0, (int)list["total"]!);
            Assert.Empty(list["items"]!.AsArray());
        }

        var agingB = await platform.JsonAsync(HttpMethod.Get, "/api/v1/reports/aging?asOf=2026-11-22", tokenB, null, HttpStatusCode.OK);
        Assert.Equal(0m, (decimal)agingB["total"]!);
        Assert.Empty(agingB["customers"]!.AsArray());

        // B may reuse A's human keys: codes and numbers are unique per tenant only.
        await platform.JsonAsync(HttpMethod.Post, "/api/v1/customers", tokenB, new { code = "C-001", name = "Another Bharat" }, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Calls_without_a_token_get_401_and_without_the_scope_403()
    {
        var admin = await platform.TokenAsync("platform-admin", PlatformFixture.AdminSecret);
        var (readOnly, readOnlyClient, _) = await platform.NewTenantAsync(admin, "tenant-ro", ["customers.read"]);

        foreach (var path in new[] { "/api/v1/customers", "/api/v1/invoices", "/api/v1/reports/aging", "/api/v1/tenants" })
        {
            using var anonymous = await platform.SendAsync(HttpMethod.Get, path, token: null);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        }

        using (var forged = await platform.SendAsync(HttpMethod.Get, "/api/v1/customers", token: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        using (var canRead = await platform.SendAsync(HttpMethod.Get, "/api/v1/customers", readOnly))
        {
            Assert.Equal(HttpStatusCode.OK, canRead.StatusCode);
        }

        using (var cannotWrite = await platform.SendAsync(HttpMethod.Post, "/api/v1/customers", readOnly, new { code = "X", name = "X" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, cannotWrite.StatusCode);
        }

        foreach (var path in new[] { "/api/v1/invoices", "/api/v1/reports/aging", "/api/v1/tenants" })
        {
            using var forbidden = await platform.SendAsync(HttpMethod.Get, path, readOnly);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        // The admin token carries no tenant: it cannot act inside one.
        using (var adminInTenant = await platform.SendAsync(HttpMethod.Get, "/api/v1/customers", admin))
        {
            Assert.Equal(HttpStatusCode.Forbidden, adminInTenant.StatusCode);
        }

        // A client cannot obtain a scope it was not granted, nor a token with a wrong secret.
        using (var widened = await platform.Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = readOnlyClient.Id,
            ["client_secret"] = readOnlyClient.Secret,
            ["scope"] = "customers.read invoices.write",
        })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, widened.StatusCode);
            Assert.Contains("scope", await widened.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("access_token", await widened.Content.ReadAsStringAsync());
        }

        using (var wrongSecret = await platform.Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "platform-admin",
            ["client_secret"] = "wrong",
        })))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        }
    }

    [Fact]
    public async Task Malformed_and_invalid_bodies_get_400_problem_details_naming_the_fields_and_write_nothing()
    {
        var admin = await platform.TokenAsync("platform-admin", PlatformFixture.AdminSecret);
        var (token, _, _) = await platform.NewTenantAsync(admin, "tenant-bad", AllTenantScopes);

        var cases = new (string Path, string Json, string[] Fields)[]
        {
            ("/api/v1/customers", "{\"code\": ", ["code"]),
            ("/api/v1/customers", "[1, 2]", ["body"]),
            ("/api/v1/customers", "{\"code\":\"\",\"name\":\"N\",\"gstin\":\"27AAQCA8719H1Z5\"}", ["code", "gstin"]),
            ("/api/v1/invoices", "{\"number\":\"I-1\",\"amount\":\"lots\"}", ["amount"]),
            ("/api/v1/invoices", "{\"number\":\"I-1\",\"customerId\":\"not-a-guid\"}", ["customerId"]),
            ("/api/v1/invoices", "{\"number\":\"\",\"invoiceDate\":\"2026-10-01\",\"dueDate\":\"2026-09-01\",\"amount\":-5,\"currency\":\"USD\"}",
                ["number", "customerId", "dueDate", "amount", "currency"]),
            ("/api/v1/invoices", "{\"number\":\"I-2\",\"customerId\":\"0192d6a0-0000-7000-8000-000000000001\",\"invoiceDate\":\"2026-09-01\",\"dueDate\":\"2026-10-01\",\"amount\":10.001,\"currency\":\"INR\"}", ["amount"]),
            ("/api/v1/tenants", "{\"name\":\"x\"}", ["code"]),
        };
        foreach (var (path, json, fields) in cases)
        {
            var caller = path == "/api/v1/tenants" ? admin : token;
            using var response = await platform.SendAsync(HttpMethod.Post, path, caller, rawJson: json);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} {json}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = JsonNode.Parse(text)!["errors"]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"{path} {json}: no errors in {text}");
            foreach (var field in fields)
            {
                Assert.True(errors.ContainsKey(field), $"{path} {json}: expected an error for '{field}' in {text}");
            }
        }

        var page = await platform.JsonAsync(HttpMethod.Get, "/api/v1/invoices?pageSize=0", token, null, HttpStatusCode.BadRequest);
        Assert.True(page["errors"]!.AsObject().ContainsKey("pageSize"));
        var asOf = await platform.JsonAsync(HttpMethod.Get, "/api/v1/reports/aging?asOf=22-11-2026", token, null, HttpStatusCode.BadRequest);
        Assert.True(asOf["errors"]!.AsObject().ContainsKey("asOf"));

        foreach (var path in new[] { "/api/v1/customers", "/api/v1/invoices" })
        {
            var list = await platform.JsonAsync(HttpMethod.Get, path, token, null, HttpStatusCode.OK);
            Assert.Equal(0, (int)list["total"]!);
        }

        // A duplicate human key is a conflict, not a second row.
        await platform.JsonAsync(HttpMethod.Post, "/api/v1/customers", token, new { code = "DUP", name = "First" }, HttpStatusCode.Created);
        await platform.JsonAsync(HttpMethod.Post, "/api/v1/customers", token, new { code = "DUP", name = "Second" }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_client_over_its_rate_limit_gets_429_with_Retry_After_counted_across_gateway_replicas()
    {
        var admin = await platform.TokenAsync("platform-admin", PlatformFixture.AdminSecret);
        var (token, _, _) = await platform.NewTenantAsync(admin, "tenant-busy", ["customers.read"]);

        // A caller cannot pick its tenant with a header: the token decides.
        using (var spoofed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/customers"))
        {
            spoofed.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            spoofed.Headers.Add("X-Tenant-Id", Guid.NewGuid().ToString());
            using var response = await platform.Gateway.SendAsync(spoofed);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.Contains("X-Correlation-Id"));
        }

        // DCP's proxy spreads the requests over the two gateway processes; the limit holds for their sum. The window is a fixed
        // minute of the platform's clock; each answer says how many requests it has left and how many seconds it lasts. Start
        // in a window with at least half a minute left and send what is left of it ten at a time, so that all of it fits
        // in the window even on a slow machine: every one of them is served, and the next is refused.
        Assert.Equal(2, platform.GatewayReplicaCount);
        var (remaining, reset) = await WindowAsync(token);
        if (reset < 30)
        {
            await Task.Delay(TimeSpan.FromSeconds(reset));
            (remaining, _) = await WindowAsync(token);
        }

        foreach (var batch in Enumerable.Range(0, remaining).Chunk(10))
        {
            var answers = await Task.WhenAll(batch.Select(_ => platform.SendAsync(HttpMethod.Get, "/api/v1/customers?pageSize=1", token)));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
            Array.ForEach(answers, a => a.Dispose());
        }

        using var limited = await platform.SendAsync(HttpMethod.Get, "/api/v1/customers?pageSize=1", token);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>What is left of a client's rate-limit window after one more request: requests and seconds.</summary>
    private async Task<(int Remaining, int ResetSeconds)> WindowAsync(string token)
    {
        using var probe = await platform.SendAsync(HttpMethod.Get, "/api/v1/customers?pageSize=1", token);
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        return (int.Parse(probe.Headers.GetValues("RateLimit-Remaining").Single(), CultureInfo.InvariantCulture),
            int.Parse(probe.Headers.GetValues("RateLimit-Reset").Single(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_POST_replayed_with_its_Idempotency_Key_returns_the_first_answer_and_creates_nothing_more()
    {
        var admin = await platform.TokenAsync("platform-admin", PlatformFixture.AdminSecret);
        var (token, _, _) = await platform.NewTenantAsync(admin, "tenant-idem", AllTenantScopes);
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> PostAsync(object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers") { Content = System.Net.Http.Json.JsonContent.Create(body) };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", key);
            return await platform.Gateway.SendAsync(request);
        }

        using var first = await PostAsync(new { code = "IDEM-1", name = "Once Only Ltd" });
        using var replay = await PostAsync(new { code = "IDEM-1", name = "Once Only Ltd" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(HttpStatusCode.Created == replay.StatusCode, await replay.Content.ReadAsStringAsync());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));

        using var reused = await PostAsync(new { code = "IDEM-2", name = "Another body" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);

        var list = await platform.JsonAsync(HttpMethod.Get, "/api/v1/customers", token, null, HttpStatusCode.OK);
        Assert.Equal(1, (int)list["total"]!);
    }

    [Fact]
    public async Task An_invoice_posted_by_customer_code_right_after_registration_is_accepted_and_a_bulk_import_reaches_aging()
    {
        var admin = await platform.TokenAsync("platform-admin", PlatformFixture.AdminSecret);
        var (token, _, _) = await platform.NewTenantAsync(admin, "tenant-code", AllTenantScopes);
        var customer = await platform.JsonAsync(HttpMethod.Post, "/api/v1/customers", token,
            new { code = "RACE-1", name = "Quick Buyer", terms = new { netDays = 60 } }, HttpStatusCode.Created);

        // No waiting for CustomerRegistered: Invoices asks Customers when the event has not arrived yet.
        var invoice = await platform.JsonAsync(HttpMethod.Post, "/api/v1/invoices", token,
            new { number = "R-1", customerCode = "RACE-1", invoiceDate = "2026-09-01", amount = 500m, currency = "INR" }, HttpStatusCode.Created);
        Assert.Equal((string?)customer["id"], (string?)invoice["customerId"]);
        Assert.Equal("2026-10-31", (string?)invoice["dueDate"]); // the customer's default 60 days

        var unknown = await platform.JsonAsync(HttpMethod.Post, "/api/v1/invoices", token,
            new { number = "R-2", customerCode = "NO-SUCH", invoiceDate = "2026-09-01", amount = 5m, currency = "INR", dueDate = "2026-10-01" },
            HttpStatusCode.BadRequest);
        Assert.True(unknown["errors"]!.AsObject().ContainsKey("customerCode"));

        var batch = await platform.JsonAsync(HttpMethod.Post, "/api/v1/invoices/batch", token, new
        {
            invoices = Enumerable.Range(1, 50).Select(i => new { number = $"BULK-{i}", customerCode = "RACE-1", invoiceDate = "2026-09-01", amount = 10m, currency = "INR" }),
        }, HttpStatusCode.OK);
        Assert.Equal(50, (int)batch["created"]!);
        await platform.WaitForAsync(token, "/api/v1/reports/aging?asOf=2026-11-22", a => (decimal)a["total"]! == 1000m);
        await platform.WaitForAsync(token, "/api/v1/reports/aging", a => (decimal)a["total"]! == 1000m);
    }

    [Fact]
    public async Task KPIs_plans_and_a_client_report_come_through_the_gateway_from_what_Customers_and_Invoices_recorded()
    {
        var admin = await platform.TokenAsync("platform-admin", PlatformFixture.AdminSecret);
        var (token, _, _) = await platform.NewTenantAsync(admin, "tenant-kpi", [.. AllTenantScopes, "reports.write"]);
        var (other, _, _) = await platform.NewTenantAsync(admin, "tenant-kpi-other", AllTenantScopes);
        var distributor = (string)(await platform.JsonAsync(HttpMethod.Post, "/api/v1/customers", token,
            new { code = "DIST1", name = "Sharma Distributors", type = "distributor" }, HttpStatusCode.Created))["id"]!;
        var dealer = (string)(await platform.JsonAsync(HttpMethod.Post, "/api/v1/customers", token,
            new { code = "DL01", name = "Gupta Hardware", type = "dealer", parentId = distributor }, HttpStatusCode.Created))["id"]!;
        await platform.JsonAsync(HttpMethod.Post, "/api/v1/invoices", token,
            new { number = "K-1", customerId = dealer, invoiceDate = "2026-10-01", dueDate = "2026-10-31", amount = 100000m, currency = "INR" }, HttpStatusCode.Created);
        await platform.JsonAsync(HttpMethod.Post, "/api/v1/invoices", token,
            new { number = "K-2", customerId = distributor, invoiceDate = "2026-11-20", dueDate = "2026-12-20", amount = 50000m, currency = "INR" }, HttpStatusCode.Created);
        await platform.JsonAsync(HttpMethod.Post, "/api/v1/payments", token,
            new { customerId = dealer, amount = 40000m, receivedOn = "2026-11-15", mode = "NEFT", reference = "UTR-K1", remittance = "K-1" }, HttpStatusCode.Created);
        await platform.JsonAsync(HttpMethod.Put, "/api/v1/reports/plans/2026-11", token, new { rows = new[] { new { dealerCode = "DIST1", planned = 60000m } } },
            HttpStatusCode.OK);

        // Ending AR 110,000 on sales of 150,000 over the 90 days to 30 November: standard DSO 110,000 ÷ 150,000 × 90 = 66.
        var kpis = await platform.WaitForAsync(token, "/api/v1/reports/kpis?asOf=2026-11-30",
            k => (decimal)k["groups"]![0]!["endingAr"]! == 110000m && (decimal)k["groups"]![0]!["cashCollected"]! == 40000m);
        Assert.Equal(66m, (decimal)kpis["groups"]![0]!["dsoStandard"]!["value"]!);
        var dealers = await platform.WaitForAsync(token, "/api/v1/reports/kpis?asOf=2026-11-30&groupBy=dealer", k => k["groups"]!.AsArray().Count == 2);
        var byCode = dealers["groups"]!.AsArray().ToDictionary(g => (string)g!["code"]!, g => (decimal)g!["endingAr"]!);
        Assert.Equal((110000m, 60000m), (byCode["DIST1"], byCode["DL01"])); // the distributor's figure includes its dealer's
        var plan = await platform.JsonAsync(HttpMethod.Get, "/api/v1/reports/plan-vs-actual?month=2026-11", token, null, HttpStatusCode.OK);
        var dist = plan["rows"]!.AsArray().Single(r => (string?)r!["code"] == "DIST1")!;
        Assert.Equal((40000m, 66.67m), ((decimal)dist["collected"]!, (decimal)dist["achievementPercent"]!));

        var report = await platform.JsonAsync(HttpMethod.Post, "/api/v1/reports/periodic/runs", token,
            new { from = "2026-11-01", to = "2026-11-30", email = false }, HttpStatusCode.Created);
        using var xlsx = await platform.SendAsync(HttpMethod.Get, (string)report["xlsxUrl"]!, token);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync())[..2]));
        using var pdf = await platform.SendAsync(HttpMethod.Get, (string)report["pdfUrl"]!, token);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..5]));

        using var stranger = await platform.SendAsync(HttpMethod.Get, (string)report["pdfUrl"]!, other);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(0m, (decimal)(await platform.JsonAsync(HttpMethod.Get, "/api/v1/reports/kpis?asOf=2026-11-30", other, null, HttpStatusCode.OK))["groups"]![0]!["endingAr"]!);
    }

    [Fact]
    public async Task The_gateway_serves_every_service_OpenAPI_document_and_the_reference_page()
    {
        foreach (var service in new[] { "identity", "customers", "invoices", "collections", "documents", "reporting" })
        {
            using var response = await platform.Gateway.GetAsync($"/openapi/{service}.json");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.StartsWith("3.", (string?)document["openapi"]);
            Assert.NotEmpty(document["paths"]!.AsObject());
        }

        using var docs = await platform.Gateway.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    [Fact]
    public async Task A_message_sent_through_the_mail_resource_arrives_in_its_inbox_with_its_attachment_and_a_relay_that_is_down_refuses_it()
    {
        var connectionString = await platform.App.GetConnectionStringAsync(ResourceNames.Mail);
        var sender = new MailSender(MailRelay.Parse(connectionString!));
        var subject = $"Statement {Guid.NewGuid():N}";
        await sender.SendAsync(new OutgoingMail([new MailboxAddress("Accounts, Bharat Traders", "accounts@bharat.example")], subject,
            "Please find your statement attached.", Attachments: [new MailAttachment("statement.csv", "text/csv", "invoice,open\nINV-1,1180.00\n"u8.ToArray())]));

        using var inbox = new HttpClient { BaseAddress = platform.App.GetEndpoint(ResourceNames.Mail, "http") };
        JsonObject? message = null;
        await ServiceHost.EventuallyAsync(async () =>
        {
            var page = JsonNode.Parse(await inbox.GetStringAsync("/api/messages?pageSize=100"))!;
            message = page["results"]!.AsArray().FirstOrDefault(m => (string?)m!["subject"] == subject)?.AsObject();
            return message is not null;
        }, "the message in the mail resource's inbox", 30);
        Assert.Contains("accounts@bharat.example", message!["to"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Please find your statement attached.", await inbox.GetStringAsync($"/api/messages/{message["id"]}/source"), StringComparison.Ordinal);
        var details = JsonNode.Parse(await inbox.GetStringAsync($"/api/messages/{message["id"]}"))!;
        var attachment = details["parts"]!.AsArray().SelectMany(p => p!["attachments"]!.AsArray()).Single()!;
        Assert.Equal("statement.csv", (string?)attachment["fileName"]);
        Assert.Equal("invoice,open\nINV-1,1180.00\n", await inbox.GetStringAsync("/" + (string)attachment["url"]!));

        var closedPort = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closedPort.Start();
        var port = ((IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop();
        var down = new MailSender(MailRelay.Parse($"Endpoint=smtp://127.0.0.1:{port}"));
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() =>
            down.SendAsync(new OutgoingMail([new MailboxAddress("", "accounts@bharat.example")], "Never sent", "No relay.")));
    }
}
