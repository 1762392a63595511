using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Collections.Dunning;
using ArPlatform.Contracts;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ArPlatform.Collections.Tests;

/// <summary>
/// The Collections service on its own database and virtual host, its clock fixed at noon in India today (the daily
/// runner off: the tests run the days themselves), and helpers that publish Invoices' and Customers' events as those
/// services would and wait until Collections has them.
/// </summary>
public sealed class CollectionsService : IAsyncDisposable
{
    private CollectionsService(ServiceUnderTest<Program> service, FakeTimeProvider clock, Guid tenant)
    {
        (Service, Clock, Tenant) = (service, clock, tenant);
        Client = service.ClientFor(TestTokens.Issue(tenant, PartnerScopes));
    }

    /// <summary>What the tests' partner client holds: everything Collections serves, configuration and credits included.</summary>
    public static readonly string[] PartnerScopes = ["collections.read", "collections.write", "collections.admin", "credits.approve"];

    public ServiceUnderTest<Program> Service { get; }

    public FakeTimeProvider Clock { get; }

    public Guid Tenant { get; }

    public HttpClient Client { get; }

    public DateOnly Today => BusinessDate.Today(Clock);

    /// <param name="infrastructure">The servers.</param>
    /// <param name="connectionStrings">More connection strings (the mail relay).</param>
    /// <param name="settings">More settings, over the runner's <c>Jobs:Daily:Enabled = false</c>.</param>
    public static async Task<CollectionsService> StartAsync(
        InfrastructureFixture infrastructure, IReadOnlyDictionary<string, string>? connectionStrings = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var today = BusinessDate.Today(TimeProvider.System);
        var clock = new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(5.5)).ToUniversalTime());
        var all = new Dictionary<string, string> { ["Jobs:Daily:Enabled"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "collectionsdb", all, services => services.AddSingleton<TimeProvider>(clock), connectionStrings);
        return new CollectionsService(service, clock, Guid.CreateVersion7());
    }

    public HttpClient ClientOf(Guid tenant) => Service.ClientFor(TestTokens.Issue(tenant, PartnerScopes));

    public async Task<Guid> CustomerAsync(string code, string? collector = "priya@firm.in", params (string Level, string Name, string? Email)[] contacts)
    {
        var customer = Guid.CreateVersion7();
        await PublishAsync(new CustomerRegistered(Tenant, customer, code, $"{code} Traders Pvt Ltd", null, DateTimeOffset.UtcNow, null, "dealer", collector, "north"));
        foreach (var (level, name, email) in contacts)
        {
            await PublishAsync(new CustomerContactAdded(Tenant, customer, Guid.CreateVersion7(), name, null, level, "+91 98765 43210", email, email is null ? "phone" : "email"));
        }

        await EventuallyAsync($"/api/v1/collections/accounts/{customer}", a => (string?)a["code"] == code);
        return customer;
    }

    /// <summary>A customer of another tenant, with one invoice.</summary>
    public async Task<Guid> CustomerOfAsync(Guid tenant, string code, string collector, DateOnly due, decimal amount)
    {
        var customer = Guid.CreateVersion7();
        await PublishAsync(new CustomerRegistered(tenant, customer, code, $"{code} Traders Pvt Ltd", null, DateTimeOffset.UtcNow, null, "dealer", collector, "north"));
        await PublishAsync(new InvoiceIssued(tenant, Guid.CreateVersion7(), $"{code}-1", customer, due.AddDays(-30), due, amount, "INR", DateTimeOffset.UtcNow));
        return customer;
    }

    public async Task<Guid> InvoiceAsync(Guid customer, string number, DateOnly due, decimal amount)
    {
        var invoice = Guid.CreateVersion7();
        await PublishAsync(new InvoiceIssued(Tenant, invoice, number, customer, due.AddDays(-30), due, amount, "INR", DateTimeOffset.UtcNow));
        await EventuallyAsync($"/api/v1/collections/accounts/{customer}", a => a["openItems"]!.AsArray().Any(i => (string?)i!["invoiceNumber"] == number));
        return invoice;
    }

    /// <summary>Publishes <paramref name="message"/> and waits until Collections consumed it.</summary>
    public async Task PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        using var consumed = new ConsumedMessages(Service.Services);
        var id = messageId ?? Guid.NewGuid();
        await Events.PublishAsync(Service.Services, message, id);
        await consumed.WaitAsync<T>(id);
    }

    public async Task<JsonObject> AccountAsync(Guid customer) => (await Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/accounts/{customer}"))!;

    public async Task<JsonArray> ActionsAsync(Guid customer) => (await Client.GetFromJsonAsync<JsonArray>($"/api/v1/collections/accounts/{customer}/actions"))!;

    /// <summary>Moves the clock on to noon in India on <paramref name="date"/> (it never goes back).</summary>
    public void MoveTo(DateOnly date)
    {
        var noon = new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(5.5)).ToUniversalTime();
        if (noon > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(noon);
        }
    }

    /// <summary>A dunning run for <paramref name="date"/>, on that day, as the daily job or the API starts it.</summary>
    public async Task<DunningRun> RunAsync(DateOnly date)
    {
        MoveTo(date);
        var runner = Service.Services.GetRequiredService<DunningRunner>();
        var run = await runner.StartAsync(Tenant, date, RunTriggers.Daily, default);
        return await runner.RunAsync(Tenant, run.Id, default);
    }

    public async Task EventuallyAsync(string path, Func<JsonObject, bool> done) =>
        await ServiceHost.EventuallyAsync(async () =>
        {
            var response = await Client.GetAsync(path);
            return response.IsSuccessStatusCode && done((await response.Content.ReadFromJsonAsync<JsonObject>())!);
        }, path);

    public async ValueTask DisposeAsync() => await Service.DisposeAsync();
}
