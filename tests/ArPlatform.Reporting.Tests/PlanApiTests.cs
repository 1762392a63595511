using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ArPlatform.Contracts;
using ArPlatform.Testing;

namespace ArPlatform.Reporting.Tests;

/// <summary>Collection plans set as JSON or CSV and the plan against what was collected, the dealer hierarchy rolled up.</summary>
public sealed class PlanApiTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.CreateVersion7();
    private readonly (Guid Distributor, Guid Dealer, Guid Other) _customers = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
    private ServiceUnderTest<Program>? _service;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "reportingdb");
        _client = _service.ClientFor(TestTokens.Issue(_tenant, "reports.read", "reports.write"));
        var at = DateTimeOffset.UtcNow;
        var invoices = new[] { (_customers.Distributor, 10_000m), (_customers.Dealer, 5_000m), (_customers.Other, 2_000m) }
            .Select((c, i) => Events.InvoiceIssued(_tenant, $"PL-{i}", new(2026, 9, 1), new(2026, 10, 1), c.Item2) with { CustomerId = c.Item1 }).ToList();
        object[] messages =
        [
            new CustomerRegistered(_tenant, _customers.Distributor, "DIST", "Distributor", null, at, Region: "North", AssignedCollector: "c.ravi"),
            new CustomerRegistered(_tenant, _customers.Dealer, "DL1", "Dealer", null, at, Region: "North", AssignedCollector: "c.ravi",
                ParentId: _customers.Distributor),
            new CustomerRegistered(_tenant, _customers.Other, "OTH", "Other", null, at, Region: "South", AssignedCollector: "c.asha"),
            .. invoices,
            // October: the distributor pays 6,000, its dealer 1,000, the other 2,000; a November payment belongs to November.
            new PaymentAllocated(_tenant, Guid.CreateVersion7(), _customers.Distributor, invoices[0].InvoiceId, "PL-0", invoices[0].DueDate, new(2026, 10, 5), 6_000m, 0m, 0m),
            new PaymentAllocated(_tenant, Guid.CreateVersion7(), _customers.Dealer, invoices[1].InvoiceId, "PL-1", invoices[1].DueDate, new(2026, 10, 20), 900m, 100m, 0m),
            new PaymentAllocated(_tenant, Guid.CreateVersion7(), _customers.Other, invoices[2].InvoiceId, "PL-2", invoices[2].DueDate, new(2026, 10, 31), 2_000m, 0m, 0m),
            new PaymentAllocated(_tenant, Guid.CreateVersion7(), _customers.Distributor, invoices[0].InvoiceId, "PL-0", invoices[0].DueDate, new(2026, 11, 1), 500m, 0m, 0m),
        ];
        foreach (var message in messages)
        {
            await Events.PublishAnyAsync(_service.Services, message);
        }

        await ServiceHost.EventuallyAsync(async () =>
        {
            var report = await _client.GetFromJsonAsync<JsonObject>("/api/v1/reports/plan-vs-actual?month=2026-11&groupBy=dealer");
            return (decimal)report!["collected"]! == 500m && report["rows"]!.AsArray().Count == 1 &&
                   (decimal)(await _client.GetFromJsonAsync<JsonObject>("/api/v1/reports/plan-vs-actual?month=2026-10&groupBy=region"))!["collected"]! == 9_000m;
        }, "the customers and payments");
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    private async Task<Dictionary<string, JsonNode>> RowsAsync(string query) =>
        (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/reports/plan-vs-actual?{query}"))!["rows"]!.AsArray()
        .ToDictionary(r => (string?)r!["code"] ?? (string)r["key"]!, r => r!);

    [Fact]
    public async Task A_json_plan_is_measured_against_what_each_dealer_collected_with_the_distributor_including_its_dealers()
    {
        var put = await _client.PutAsJsonAsync("/api/v1/reports/plans/2026-10", new
        {
            rows = new object[]
            {
                new { dealerCode = "DIST", planned = 8_000m }, new { dealerCode = "DL1", planned = 2_000m }, new { dealerCode = "OTH", planned = 1_000m },
                new { region = "North", planned = 12_000m }, new { collector = "c.asha", planned = 4_000m },
            },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var dealers = await RowsAsync("month=2026-10&groupBy=dealer");
        // The distributor: its 8,000 and its dealer's 2,000 planned; its 6,000 and the dealer's 1,000 (900 cash, 100 TDS) collected.
        Assert.Equal((10_000m, 7_000m, 70m, 3_000m), ((decimal)dealers["DIST"]["planned"]!, (decimal)dealers["DIST"]["collected"]!,
            (decimal)dealers["DIST"]["achievementPercent"]!, (decimal)dealers["DIST"]["shortfall"]!));
        Assert.Equal((2_000m, 1_000m, 50m), ((decimal)dealers["DL1"]["planned"]!, (decimal)dealers["DL1"]["collected"]!, (decimal)dealers["DL1"]["achievementPercent"]!));
        Assert.Equal((1_000m, 2_000m, 200m, 0m), ((decimal)dealers["OTH"]["planned"]!, (decimal)dealers["OTH"]["collected"]!,
            (decimal)dealers["OTH"]["achievementPercent"]!, (decimal)dealers["OTH"]["shortfall"]!));
        var total = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/reports/plan-vs-actual?month=2026-10"))!;
        Assert.Equal((11_000m, 9_000m, 81.82m), ((decimal)total["planned"]!, (decimal)total["collected"]!, (decimal)total["achievementPercent"]!));

        var regions = await RowsAsync("month=2026-10&groupBy=region");
        Assert.Equal((12_000m, 7_000m), ((decimal)regions["North"]["planned"]!, (decimal)regions["North"]["collected"]!));
        Assert.Equal((0m, 2_000m), ((decimal)regions["South"]["planned"]!, (decimal)regions["South"]["collected"]!)); // collected without a plan
        Assert.Null(regions["South"]["achievementPercent"]);
        var collectors = await RowsAsync("month=2026-10&groupBy=collector");
        Assert.Equal((4_000m, 2_000m, 50m), ((decimal)collectors["c.asha"]["planned"]!, (decimal)collectors["c.asha"]["collected"]!,
            (decimal)collectors["c.asha"]["achievementPercent"]!));

        var csv = await (await _client.GetAsync("/api/v1/reports/plan-vs-actual?month=2026-10&format=csv")).Content.ReadAsStringAsync();
        Assert.Contains("DIST,Distributor,10000.00,7000.00,70.00,3000.00", csv);
    }

    [Fact]
    public async Task A_csv_plan_replaces_the_month_and_a_wrong_row_is_named_and_changes_nothing()
    {
        var first = await _client.PutAsync("/api/v1/reports/plans/2026-10",
            new StringContent("dealerCode,planned\nDIST,5000\nDL1,1500.50\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(6_500.50m, (decimal)(await _client.GetFromJsonAsync<JsonObject>("/api/v1/reports/plans/2026-10"))!["totalByDimension"]!["dealer"]!);

        async Task<JsonObject> RefusedAsync(HttpContent content)
        {
            var response = await _client.PutAsync("/api/v1/reports/plans/2026-10", content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        }

        var errors = await RefusedAsync(new StringContent("Region,Collector,DealerCode,Planned\nNorth,,,abc\n,c.ravi,DL1,10\n,,NOPE,5\n,,DIST,-1\n",
            Encoding.UTF8, "text/csv"));
        Assert.Contains("not a number", (string)errors["rows[0].planned"]![0]!);
        Assert.Contains("exactly one", (string)errors["rows[1]"]![0]!);
        Assert.Contains("no customer with code 'NOPE'", (string)errors["rows[2].dealerCode"]![0]!);
        Assert.NotNull(errors["rows[3].planned"]);
        errors = await RefusedAsync(JsonContent.Create(new { rows = new[] { new { region = "North", planned = 1m }, new { region = "North", planned = 2m } } }));
        Assert.Contains("planned twice", (string)errors["rows[1]"]![0]!);
        Assert.NotNull((await RefusedAsync(new StringContent("{not json", Encoding.UTF8, "application/json")))["body"]);
        Assert.Contains("must be an object", (string)(await RefusedAsync(new StringContent("{\"rows\": [null]}", Encoding.UTF8, "application/json")))["rows[0]"]![0]!);
        Assert.Equal(6_500.50m, (decimal)(await _client.GetFromJsonAsync<JsonObject>("/api/v1/reports/plans/2026-10"))!["totalByDimension"]!["dealer"]!);

        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PutAsJsonAsync("/api/v1/reports/plans/2026-13", new { rows = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/v1/reports/plan-vs-actual?groupBy=portfolio")).StatusCode);
        var readOnly = _service!.ClientFor(TestTokens.Issue(_tenant, "reports.read"));
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PutAsJsonAsync("/api/v1/reports/plans/2026-10", new { rows = Array.Empty<object>() })).StatusCode);
        var stranger = _service.ClientFor(TestTokens.Issue(Guid.CreateVersion7(), "reports.read"));
        Assert.Empty((await stranger.GetFromJsonAsync<JsonObject>("/api/v1/reports/plan-vs-actual?month=2026-10"))!["rows"]!.AsArray());
    }
}
