using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ArPlatform.ServiceDefaults.Security;
using StackExchange.Redis;

namespace ArPlatform.Gateway.RateLimiting;

public sealed class RateLimitOptions
{
    /// <summary>Requests one client may make per window.</summary>
    public int PermitLimit { get; set; } = 6000;

    public int WindowSeconds { get; set; } = 60;

    /// <summary>Token requests one client_id may make per window, from whatever addresses (besides each address's own limit).</summary>
    public int TokenPermitLimitPerClient { get; set; } = 300;
}

/// <summary>
/// A fixed-window limit per API client, counted in Redis so every gateway replica shares the same counters. It runs
/// after authentication and before authorization, so requests the gateway refuses (401, 403) are counted too: a
/// valid token counts against its client (also when it lacks the scope); a missing, expired or forged token counts
/// against the remote address (IPv6 by its /64, which one host or site usually holds whole), as do calls that need
/// no token, such as the token endpoint. Over the limit: 429 as problem details with Retry-After. Every counted answer
/// carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (seconds). If Redis is unreachable the request
/// is let through and a warning logged: the limiter protects, it must not take the API down.
/// The address is the client's as a trusted proxy forwards it (<see cref="Ingress.TrustedProxies"/>), so behind an
/// ingress each partner has its own bucket. A token request is also counted against the client_id it names (form
/// body or Basic credentials, <see cref="TokenClient"/>), so one address cannot flood a client and many addresses
/// cannot guess one client's secret at the address limit each.
/// </summary>
public sealed class RedisRateLimiter(RequestDelegate next, IConnectionMultiplexer redis, Microsoft.Extensions.Options.IOptions<RateLimitOptions> options,
    TimeProvider clock, ILogger<RedisRateLimiter> logger)
{
    private const string Script = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return count
        """;

    public async Task InvokeAsync(HttpContext context)
    {
        // The sign-in and set-password pages too: password guesses are counted per address like any anonymous call.
        if (!context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/connect")
            && !context.Request.Path.StartsWithSegments("/signin") && !context.Request.Path.StartsWithSegments("/set-password"))
        {
            await next(context);
            return;
        }

        var limit = options.Value;
        var caller = Caller(context);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = limit.WindowSeconds * 1000L;
        var window = now / windowMs;
        long count;
        long? clientCount = null;
        try
        {
            count = await CountAsync(caller, window, windowMs);
            if (count <= limit.PermitLimit && caller.StartsWith("ip:", StringComparison.Ordinal)
                && await TokenClient.ReadAsync(context) is { } tokenClient)
            {
                clientCount = await CountAsync("token-client:" + tokenClient, window, windowMs);
            }
        }
        catch (RedisException e)
        {
            logger.LogWarning(e, "Rate limiting skipped: Redis is unreachable");
            await next(context);
            return;
        }

        var remaining = Math.Max(0, limit.PermitLimit - count);
        var reset = Math.Max(1, (int)Math.Ceiling(((window + 1) * windowMs - now) / 1000.0));
        context.Response.Headers["RateLimit-Limit"] = limit.PermitLimit.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        if (count > limit.PermitLimit)
        {
            var retryAfter = reset;
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(statusCode: 429, title: "Too many requests.",
                detail: $"This client may make {limit.PermitLimit} requests per {limit.WindowSeconds} s. Retry after {retryAfter} s.").ExecuteAsync(context);
            return;
        }

        if (clientCount > limit.TokenPermitLimitPerClient)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = reset.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(statusCode: 429, title: "Too many token requests for this client.",
                detail: $"A client_id may ask for {limit.TokenPermitLimitPerClient} tokens per {limit.WindowSeconds} s (a token lasts an hour: keep it). Retry after {reset} s.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private async Task<long> CountAsync(string caller, long window, long windowMs) =>
        (long)await redis.GetDatabase().ScriptEvaluateAsync(Script,
            [new RedisKey($"ratelimit:{caller}:{window.ToString(CultureInfo.InvariantCulture)}")], [windowMs]);

    internal static string Caller(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && context.User.Caller() is { Length: > 0 } client)
        {
            return "client:" + client;
        }

        return "ip:" + Network(context.Connection.RemoteIpAddress);
    }

    private static string Network(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
