using System.Globalization;
using StackExchange.Redis;

namespace ArPlatform.Gateway.RateLimiting;

public sealed class RateLimitOptions
{
    /// <summary>Requests one client may make per window.</summary>
    public int PermitLimit { get; set; } = 6000;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// A fixed-window limit per API client (per IP for calls without a token, such as the token endpoint), counted in
/// Redis so every gateway replica shares the same counters. Over the limit: 429 with Retry-After. If Redis is
/// unreachable the request is let through and a warning logged: the limiter protects, it must not take the API down.
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
        if (!context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/connect"))
        {
            await next(context);
            return;
        }

        var limit = options.Value;
        var caller = context.User.Identity?.IsAuthenticated == true && context.User.FindFirst("sub")?.Value is { } client
            ? "client:" + client
            : "ip:" + context.Connection.RemoteIpAddress;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = limit.WindowSeconds * 1000L;
        var window = now / windowMs;
        long count;
        try
        {
            count = (long)await redis.GetDatabase().ScriptEvaluateAsync(Script,
                [new RedisKey($"ratelimit:{caller}:{window.ToString(CultureInfo.InvariantCulture)}")], [windowMs]);
        }
        catch (RedisException e)
        {
            logger.LogWarning(e, "Rate limiting skipped: Redis is unreachable");
            await next(context);
            return;
        }

        var remaining = Math.Max(0, limit.PermitLimit - count);
        context.Response.Headers["RateLimit-Limit"] = limit.PermitLimit.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        var retryAfter = Math.Max(1, (int)Math.Ceiling(((window + 1) * windowMs - now) / 1000.0));
        context.Response.Headers["RateLimit-Reset"] = retryAfter.ToString(CultureInfo.InvariantCulture); // seconds until the window ends
        if (count > limit.PermitLimit)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(statusCode: 429, title: "Too many requests.",
                detail: $"This client may make {limit.PermitLimit} requests per {limit.WindowSeconds} s. Retry after {retryAfter} s.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
