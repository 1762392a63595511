using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Collections.Tests;

/// <summary>
/// Nothing claims to have been sent that was not: an SMS step's message is sent only through a configured provider,
/// here an HTTP provider pointed at a real listener in the test; with none it fails with "no provider", and a provider
/// that answers 500 leaves it queued and tried again, as the mail relay being down does.
/// </summary>
public sealed class SmsDeliveryTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private const string ApiKey = "test-sms-key-7f3a";

    [Fact]
    public async Task An_sms_step_with_no_provider_configured_fails_with_no_provider()
    {
        await using var c = await CollectionsService.StartAsync(infrastructure, settings: new Dictionary<string, string> { ["Collections:Sms:Recording"] = "false" });
        var customer = await SmsDueAsync(c, "NOSMS");

        await c.RunAsync(c.Today);

        await ServiceHost.EventuallyAsync(async () => (string?)(await MessageAsync(c, customer))["status"] != "queued", "the message tried");
        var message = await MessageAsync(c, customer);
        Assert.Equal(("sms", "failed", "no provider"), ((string?)message["channel"], (string?)message["status"], (string?)message["lastError"]));
        Assert.Null(message["sentAt"]);
    }

    [Fact]
    public async Task An_sms_step_through_the_http_provider_reaches_the_provider_and_is_sent()
    {
        await using var provider = await SmsListener.StartAsync();
        await using var c = await CollectionsService.StartAsync(infrastructure, settings: provider.Settings);
        var customer = await SmsDueAsync(c, "HTTPSMS");

        await c.RunAsync(c.Today);

        await ServiceHost.EventuallyAsync(async () => (string?)(await MessageAsync(c, customer))["status"] == "sent", "the message sent");
        var received = Assert.Single(provider.Received);
        Assert.Equal($"Bearer {ApiKey}", received.Authorization);
        Assert.Equal("+91 98765 43210", (string?)received.Body["to"]);
        Assert.Equal("ARPLTF", (string?)received.Body["senderId"]);
        Assert.Contains("2,500.00", (string?)received.Body["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_answering_500_leaves_the_message_queued_with_its_reason_and_it_is_sent_when_the_provider_is_back()
    {
        await using var provider = await SmsListener.StartAsync();
        provider.Failing = true;
        await using var c = await CollectionsService.StartAsync(infrastructure, settings: provider.Settings);
        var customer = await SmsDueAsync(c, "SMS500");

        await c.RunAsync(c.Today);

        await ServiceHost.EventuallyAsync(async () => (int)(await MessageAsync(c, customer))["attempts"]! >= 1, "the message tried");
        var message = await MessageAsync(c, customer);
        Assert.Equal("queued", (string?)message["status"]);
        Assert.Contains("500", (string?)message["lastError"], StringComparison.Ordinal);
        Assert.Contains("upstream queue full", (string?)message["lastError"], StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, (string?)message["lastError"], StringComparison.Ordinal);

        provider.Failing = false;
        c.Clock.Advance(TimeSpan.FromMinutes(10));
        await ServiceHost.EventuallyAsync(async () => (string?)(await MessageAsync(c, customer))["status"] == "sent", "the message sent once the provider is back");
        Assert.Single(provider.Received, r => r.Status == 200);
    }

    /// <summary>A customer whose invoice fell due yesterday, under a strategy whose only step is an SMS the day after due.</summary>
    private static async Task<Guid> SmsDueAsync(CollectionsService c, string code)
    {
        var admin = c.Service.ClientFor(TestTokens.Issue(c.Tenant, "collections.read", "collections.write", "collections.admin"));
        var created = await admin.PostAsJsonAsync("/api/v1/collections/strategies", new
        {
            code = "sms-first",
            name = "SMS first",
            priority = 100,
            steps = new[] { new { code = "sms", name = "SMS reminder", dayOffset = 1, action = "sms", contactLevel = "L1" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customer = await c.CustomerAsync(code, contacts: [("L1", "Ravi", null)]);
        await c.InvoiceAsync(customer, $"{code}-1", c.Today.AddDays(-1), 2500m);
        return customer;
    }

    private static async Task<JsonObject> MessageAsync(CollectionsService c, Guid customer) =>
        (JsonObject)(await c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/messages?customerId={customer}"))!["items"]!.AsArray().Single()!;

    private sealed record Request(string? Authorization, JsonObject Body, int Status);

    /// <summary>A tiny SMS gateway on a real port: records what it is sent, answers 200 or, while failing, 500 with a reason.</summary>
    private sealed class SmsListener : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private SmsListener(WebApplication app, string url) => (_app, Url) = (app, url);

        public ConcurrentQueue<Request> Received { get; } = new();

        public volatile bool Failing;

        public string Url { get; }

        public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Collections:Sms:Url"] = Url,
            ["Collections:Sms:ApiKey"] = ApiKey,
            ["Collections:Sms:SenderId"] = "ARPLTF",
        };

        public static async Task<SmsListener> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            SmsListener? listener = null;
            app.MapPost("/v1/messages", async (HttpRequest request) =>
            {
                var body = (await request.ReadFromJsonAsync<JsonObject>())!;
                var failing = listener!.Failing;
                listener.Received.Enqueue(new Request(request.Headers.Authorization.ToString(), body, failing ? 500 : 200));
                return failing
                    ? Results.Json(new { error = "upstream queue full" }, statusCode: 500)
                    : Results.Json(new { id = Guid.NewGuid().ToString("N") });
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            listener = new SmsListener(app, $"{address}/v1/messages");
            return listener;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
