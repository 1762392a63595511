using System.Net;
using System.Net.Http.Headers;
using ArPlatform.Gateway.Routing;
using ArPlatform.Testing;
using StackExchange.Redis;

namespace ArPlatform.Gateway.Tests;

/// <summary>
/// The gateway's token check against the platform's revocation list in Redis (ADR 0028): a listed client's token is
/// refused, and when the list cannot be read no token is accepted unchecked. The services behind are not running: a
/// token the gateway lets through gets 502.
/// </summary>
public sealed class RevocationListTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _started = [];

    private ServiceUnderTest<Program> Gateway(string redis)
    {
        var settings = GatewayRoutes.Services.ToDictionary(s => $"services:{s}:http:0", _ => "http://127.0.0.1:9");
        var gateway = new ServiceUnderTest<Program>(new Dictionary<string, string> { ["cache"] = redis }, settings);
        _started.Add(gateway);
        return gateway;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var started in _started)
        {
            await started.DisposeAsync();
        }
    }

    private static async Task<HttpStatusCode> GetAsync(ServiceUnderTest<Program> gateway, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/customers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await gateway.CreateClient().SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_disabled_clients_token_is_refused_and_another_clients_is_let_through()
    {
        var redis = infrastructure.Redis.GetConnectionString();
        var (disabled, other) = ("client-" + Guid.NewGuid().ToString("N")[..8], "client-" + Guid.NewGuid().ToString("N")[..8]);
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis))
        {
            await connection.GetDatabase().HashSetAsync("platform:revocations", "client:" + disabled, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }

        var gateway = Gateway(redis);
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(gateway, TestTokens.IssueForClient(Guid.NewGuid(), disabled, "customers.read")));
        Assert.Equal(HttpStatusCode.BadGateway, await GetAsync(gateway, TestTokens.IssueForClient(Guid.NewGuid(), other, "customers.read")));
    }

    [Fact]
    public async Task Without_the_revocation_list_no_token_is_accepted_unchecked()
    {
        // A Redis that does not answer: the rate limiter lets requests through, the token check does not.
        var gateway = Gateway("127.0.0.1:1,abortConnect=false,connectTimeout=200,syncTimeout=500,asyncTimeout=500");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/customers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(Guid.NewGuid(), "customers.read"));
        using var response = await gateway.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
