using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using ArPlatform.Gateway.Routing;
using ArPlatform.ServiceDefaults;
using ArPlatform.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Gateway.Tests;

/// <summary>
/// The gateway behind an ingress, with its real Redis counters and the default limits: the client's address comes
/// from X-Forwarded-For only when a trusted proxy sends it, and the token endpoint is limited per address and per
/// client_id. Identity's token endpoint is stood in for by a local server that answers every request with a token and
/// notes the X-Forwarded-For it was given; the workbench by one that answers every path.
/// </summary>
public sealed class IngressTests(InfrastructureFixture redis) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private const string PeerHeader = "X-Test-Peer";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly ConcurrentQueue<string> _forwardedFor = new();
    private WebApplication? _upstream;
    private WebApplicationFactory<Program>? _gateway;

    public async Task InitializeAsync()
    {
        var upstream = WebApplication.CreateBuilder();
        upstream.WebHost.UseUrls("http://127.0.0.1:0");
        _upstream = upstream.Build();
        _upstream.Run(async context =>
        {
            _forwardedFor.Enqueue(context.Request.Headers["X-Forwarded-For"].ToString());
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"access_token":"a-token","token_type":"Bearer","expires_in":3600}""");
        });
        await _upstream.StartAsync();
        var address = _upstream.Urls.Single();

        var settings = GatewayRoutes.Services.ToDictionary(s => $"services:{s}:http:0", _ => "http://127.0.0.1:9");
        settings[$"services:{ResourceNames.Identity}:http:0"] = address;
        settings[$"services:{ResourceNames.Workbench}:http:0"] = address;
        var service = new ServiceUnderTest<Program>(new Dictionary<string, string> { ["cache"] = redis.Redis.GetConnectionString() }, settings);
        _gateway = service.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(new FrozenClock(Now));
            services.AddSingleton<IStartupFilter, PeerFromHeader>();
        }));
        _ = _gateway.Server;
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
    }

    private async Task<HttpResponseMessage> TokenAsync(string peer, string? forwardedFor, string clientId, bool basic = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token");
        request.Headers.Add(PeerHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:secret")));
        }
        else
        {
            form["client_id"] = clientId;
            form["client_secret"] = "secret";
        }

        request.Content = new FormUrlEncodedContent(form);
        return await _gateway!.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task Six_thousand_token_requests_from_one_address_behind_the_ingress_leave_another_partner_able_to_get_a_token()
    {
        var attacker = RandomAddress();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        for (var batch = 0; batch < 6000 / 50; batch++)
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
            {
                using var response = await TokenAsync("127.0.0.1", attacker, "attacker-client");
                statuses.Add(response.StatusCode);
            }));
        }

        Assert.Equal(6000, statuses.Count);

        // Another partner, through the same ingress, from its own address, with its own client: a token.
        var partner = RandomAddress();
        using var token = await TokenAsync("127.0.0.1", partner, "partner-erp");
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Contains("a-token", await token.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(partner, _forwardedFor.Last());
        // The same partner with its credentials in a Basic header is counted as the same client.
        using var basic = await TokenAsync("127.0.0.1", partner, "partner-erp", basic: true);
        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);

        // The attacker's own client_id was limited well before its address, which is now limited whatever client it names.
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        using var limited = await TokenAsync("127.0.0.1", attacker, "another-client-of-the-attacker");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact]
    public async Task The_token_endpoint_is_limited_per_client_id_across_addresses()
    {
        var clientId = "erp-" + Guid.NewGuid().ToString("N")[..8];
        HttpResponseMessage? last = null;
        for (var i = 0; i < 500 && last?.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            last?.Dispose();
            last = await TokenAsync("127.0.0.1", RandomAddress(), clientId);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        last.Dispose();
        using var other = await TokenAsync("127.0.0.1", RandomAddress(), "erp-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_forwarded_address_from_an_untrusted_peer_is_ignored()
    {
        var peer = RandomAddress();
        using var first = await TokenAsync(peer, RandomAddress(), "c1-" + Guid.NewGuid().ToString("N")[..8]);
        using var second = await TokenAsync(peer, RandomAddress(), "c2-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        // Counted against the peer itself, whatever address it claims, and the service is told the peer's address.
        var remaining = int.Parse(first.Headers.GetValues("RateLimit-Remaining").First(), CultureInfo.InvariantCulture);
        Assert.Equal(remaining - 1, int.Parse(second.Headers.GetValues("RateLimit-Remaining").First(), CultureInfo.InvariantCulture));
        Assert.Equal(peer, _forwardedFor.Last());
    }

    [Fact]
    public async Task Metrics_and_health_details_are_not_served_through_the_gateway_and_nothing_it_answers_can_be_framed()
    {
        var client = _gateway!.CreateClient();
        using var metrics = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        foreach (var path in new[] { "/app/metrics", "/app/health", "/app/alive", "/app/metrics/" })
        {
            using var proxied = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, proxied.StatusCode);
        }

        using var health = await client.GetAsync("/health");
        var body = await health.Content.ReadAsStringAsync();
        Assert.DoesNotContain("checks", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("cache", body, StringComparison.OrdinalIgnoreCase);

        foreach (var path in new[] { "/health", "/api/v1/customers", "/app/", "/docs" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
    }

    private static string RandomAddress() =>
        $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>The connection's address, which an in-memory test server does not have, from a header only the test sends.</summary>
    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader].ToString(), out var peer))
                {
                    context.Connection.RemoteIpAddress = peer;
                }

                context.Request.Headers.Remove(PeerHeader);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
