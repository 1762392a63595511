using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Contracts;
using ArPlatform.Testing;

namespace ArPlatform.Reporting.Tests;

/// <summary>Expected collections from open items moved by lateness, promises, disputes and the overdue line, over HTTP.</summary>
public sealed class ExpectedCollectionsApiTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")));
    private readonly Guid _tenant = Guid.CreateVersion7();
    private readonly (Guid A, Guid B) _customers = (Guid.CreateVersion7(), Guid.CreateVersion7());
    private ServiceUnderTest<Program>? _service;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "reportingdb");
        _client = _service.ClientFor(TestTokens.Issue(_tenant, "reports.read"));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    private InvoiceIssued Invoice(Guid customer, string number, int dueInDays, decimal amount) =>
        Events.InvoiceIssued(_tenant, number, Today.AddDays(dueInDays - 30), Today.AddDays(dueInDays), amount) with { CustomerId = customer };

    private PaymentAllocated Payment(InvoiceIssued invoice, int daysLate) =>
        new(_tenant, Guid.CreateVersion7(), invoice.CustomerId, invoice.InvoiceId, invoice.Number, invoice.DueDate, invoice.DueDate.AddDays(daysLate),
            invoice.Amount, 0m, 0m);

    private async Task<JsonObject> TenantAsync() =>
        (await _client.GetFromJsonAsync<JsonObject>("/api/v1/reports/expected-collections?weeks=6"))!["groups"]![0]!.AsObject();

    private static string Weeks(JsonObject group) =>
        string.Join(" ", group["weeks"]!.AsArray().Select(w => FormattableString.Invariant($"{(decimal)w!["expected"]!:0}")));

    [Fact]
    public async Task Items_move_by_their_customers_lateness_a_promise_takes_the_place_of_what_it_covers_and_disputes_and_overdue_stay_apart()
    {
        // A paid 1,000 ten days late and 3,000 nineteen days late: (10,000 + 57,000) ÷ 4,000 = 16.75 days; B has no history and gets the tenant's.
        var (paid1, paid2) = (Invoice(_customers.A, "H-1", -70, 1_000m), Invoice(_customers.A, "H-2", -50, 3_000m));
        var (a1, a2) = (Invoice(_customers.A, "A-1", 3, 2_000m), Invoice(_customers.A, "A-2", -5, 500m));
        var (b1, b2, b3) = (Invoice(_customers.B, "B-1", 1, 1_000m), Invoice(_customers.B, "B-2", 10, 800m), Invoice(_customers.B, "B-3", -20, 400m));
        foreach (var message in new object[]
                 {
                     paid1, paid2, a1, a2, b1, b2, b3, Payment(paid1, 10), Payment(paid2, 19),
                     new DisputeRaised(_tenant, Guid.CreateVersion7(), _customers.B, b2.InvoiceId, "B-2", 300m, "pricing", null, DateTimeOffset.UtcNow, null),
                 })
        {
            await Events.PublishAnyAsync(_service!.Services, message);
        }

        await ServiceHost.EventuallyAsync(async () => (decimal)(await TenantAsync())["disputed"]!["amount"]! == 300m &&
                                                      (decimal)(await TenantAsync())["total"]! == 3_500m, "the invoices, payments and dispute");
        var before = await TenantAsync();
        Assert.Equal(16.8m, (decimal)before["latenessDays"]!);
        // A-1 due in 3 days expected in 20 (week 3), B-1 due tomorrow in 18 (week 3), B-2's undisputed 500 due in 10 in 27 (week 4).
        Assert.Equal("0 0 3000 500 0 0", Weeks(before));
        Assert.Equal((900m, 2), ((decimal)before["overdueWithoutPromise"]!["amount"]!, (int)before["overdueWithoutPromise"]!["items"]!));

        // A promises 300 in 8 days: it is expected in week 2 and no longer counted among A's overdue.
        await Events.PublishAsync(_service!.Services, new PromiseToPayMade(_tenant, Guid.CreateVersion7(), _customers.A, 300m, Today.AddDays(8), ["A-2"],
            DateTimeOffset.UtcNow));
        await ServiceHost.EventuallyAsync(async () => (decimal)(await TenantAsync())["promisedAmount"]! == 300m, "the promise");
        var after = await TenantAsync();
        Assert.Equal("0 300 3000 500 0 0", Weeks(after));
        Assert.Equal(600m, (decimal)after["overdueWithoutPromise"]!["amount"]!);
        Assert.Equal((300m, 1), ((decimal)after["weeks"]![1]!["fromPromises"]!, (int)after["weeks"]![1]!["promises"]!));
        Assert.Equal(Today.AddDays(7), DateOnly.Parse((string)after["weeks"]![1]!["from"]!, System.Globalization.CultureInfo.InvariantCulture));

        // Every figure lists its items.
        async Task<string> ItemsAsync(string query) => string.Join(" ", (await _client.GetFromJsonAsync<JsonObject>(
                $"/api/v1/reports/expected-collections/items?weeks=6&{query}"))!["items"]!.AsArray()
            .Select(i => FormattableString.Invariant($"{(string)i!["number"]!}:{(decimal)i["openAmount"]!:0}:{(string?)i["expectedOn"] ?? "-"}")));
        Assert.Equal($"A-1:2000:{Today.AddDays(20):yyyy-MM-dd} B-1:1000:{Today.AddDays(18):yyyy-MM-dd}", await ItemsAsync("line=week&week=3"));
        Assert.Equal("A-2:500:- B-3:400:-", await ItemsAsync("line=overdue"));
        Assert.Equal($"B-2:800:{Today.AddDays(27):yyyy-MM-dd}", await ItemsAsync("line=disputed"));
        Assert.Equal("B-3:400:-", await ItemsAsync($"line=overdue&customerId={_customers.B}"));

        var byCustomer = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/reports/expected-collections?weeks=6&groupBy=customer"))!["groups"]!.AsArray()
            .ToDictionary(g => Guid.Parse((string)g!["key"]!), g => g!.AsObject());
        Assert.Equal((16.8m, "0 300 2000 0 0 0"), ((decimal)byCustomer[_customers.A]["latenessDays"]!, Weeks(byCustomer[_customers.A])));
        Assert.Equal("0 0 1000 500 0 0", Weeks(byCustomer[_customers.B]));
    }

    [Fact]
    public async Task Only_todays_forecast_is_made_and_bad_values_are_named()
    {
        foreach (var (query, field) in new[]
                 {
                     ($"asOf={Today.AddDays(-1):yyyy-MM-dd}", "asOf"), ("weeks=0", "weeks"), ("weeks=53", "weeks"), ("groupBy=planet", "groupBy"),
                     ("format=doc", "format"),
                 })
        {
            var response = await _client.GetAsync($"/api/v1/reports/expected-collections?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]);
        }

        var items = await _client.GetAsync("/api/v1/reports/expected-collections/items?line=week&week=14");
        Assert.Equal(HttpStatusCode.BadRequest, items.StatusCode);
        var empty = await TenantAsync();
        Assert.Equal((0m, "0 0 0 0 0 0"), ((decimal)empty["total"]!, Weeks(empty)));
        Assert.Null(empty["latenessDays"]);
    }
}
