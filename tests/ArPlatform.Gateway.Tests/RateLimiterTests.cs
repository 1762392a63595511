using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using ArPlatform.Gateway.Routing;
using ArPlatform.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Gateway.Tests;

/// <summary>
/// The gateway in process with its real Redis counters. The services behind it are not running: every request here
/// is refused by the gateway itself (401, 403) or limited (429), which is what is counted.
/// </summary>
public sealed class RateLimiterTests(InfrastructureFixture redis) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private const int Limit = 3;
    private const string PeerHeader = "X-Test-Peer";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private WebApplicationFactory<Program>? _gateway;

    public Task InitializeAsync()
    {
        var settings = GatewayRoutes.Services.ToDictionary(s => $"services:{s}:http:0", _ => "http://127.0.0.1:9");
        settings["Gateway:RateLimit:PermitLimit"] = Limit.ToString(CultureInfo.InvariantCulture);
        settings["Gateway:RateLimit:WindowSeconds"] = "3600";
        var service = new ServiceUnderTest<Program>(new Dictionary<string, string> { ["cache"] = redis.Redis.GetConnectionString() }, settings);
        // A frozen clock keeps every request in one window; the peer address is taken from a header only here.
        _gateway = service.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(new FrozenClock(Now));
            services.AddSingleton<IStartupFilter, PeerFromHeader>();
        }));
        _ = _gateway.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task Requests_with_a_missing_forged_or_garbled_token_count_against_their_address_until_429()
    {
        var address = RandomAddress();
        string?[] tokens = [null, TestTokens.IssueWithUnknownKey(Guid.NewGuid(), "customers.read"), "not-a-token"];
        for (var i = 0; i < Limit; i++)
        {
            using var refused = await GetAsync(address, tokens[i]);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal((Limit - i - 1).ToString(CultureInfo.InvariantCulture), refused.Headers.GetValues("RateLimit-Remaining").Single());
        }

        using var limited = await GetAsync(address, null);
        await AssertLimitedAsync(limited);

        // Another address is counted apart.
        using var other = await GetAsync(RandomAddress(), null);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }

    [Fact]
    public async Task Requests_refused_for_a_missing_scope_count_against_the_client_not_its_address()
    {
        var address = RandomAddress();
        var tenant = Guid.NewGuid();
        var noScope = TestTokens.IssueForClient(tenant, "client-" + Guid.NewGuid().ToString("N"), "reports.read");
        for (var i = 0; i < Limit; i++)
        {
            using var refused = await GetAsync(address, noScope);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var limited = await GetAsync(address, noScope);
        await AssertLimitedAsync(limited);

        // The same address is not limited for another client of the tenant, nor for a call without a token.
        using var otherClient = await GetAsync(address, TestTokens.IssueForClient(tenant, "client-" + Guid.NewGuid().ToString("N"), "reports.read"));
        Assert.Equal(HttpStatusCode.Forbidden, otherClient.StatusCode);
        using var anonymous = await GetAsync(address, null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var reset = ((Now.ToUnixTimeMilliseconds() / 3_600_000 + 1) * 3_600_000 - Now.ToUnixTimeMilliseconds() + 999) / 1000;
        Assert.Equal(Math.Max(1, reset).ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("Retry-After").Single());
        Assert.Equal(response.Headers.GetValues("Retry-After").Single(), response.Headers.GetValues("RateLimit-Reset").Single());
        Assert.Equal(Limit.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("RateLimit-Limit").Single());
        Assert.Equal("0", response.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.Contains("Too many requests", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> GetAsync(string address, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/customers");
        request.Headers.Add(PeerHeader, address);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _gateway!.CreateClient().SendAsync(request);
    }

    private static string RandomAddress() =>
        $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

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

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
