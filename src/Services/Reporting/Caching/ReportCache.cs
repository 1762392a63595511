using System.Text.Json;
using StackExchange.Redis;

namespace ArPlatform.Reporting.Caching;

/// <summary>
/// Today's figures that take a scan of the open items (expected collections) kept in Redis per tenant, under the
/// tenant's version: every message Reporting consumes for a tenant bumps it once its change is committed
/// (<see cref="ReportCacheInvalidation"/>), so a figure is read from the cache only while nothing it was made from has
/// changed. Without Redis, or when Redis does not answer, the figure is computed.
/// </summary>
public sealed class ReportCache(ILogger<ReportCache> logger, IConnectionMultiplexer? redis = null)
{
    /// <summary>How long a figure is kept even when nothing changes: a bump lost while Redis was away is outlived by it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Changes when the shape of a cached figure does, so that a deployment never reads what the one before it wrote.</summary>
    private const string Shape = "s1";

    private static readonly TimeSpan VersionLifetime = TimeSpan.FromDays(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<T> GetOrComputeAsync<T>(Guid tenant, string key, Func<Task<T>> compute)
    {
        if (redis is null)
        {
            return await compute();
        }

        string? entry = null;
        try
        {
            var db = redis.GetDatabase();
            var version = await db.StringGetAsync(VersionKey(tenant));
            if (!version.HasValue)
            {
                // A version never seen before (the key expired or was lost): no entry can be under it, so none is served.
                await db.StringSetAsync(VersionKey(tenant), NewVersion(), VersionLifetime, When.NotExists);
                version = await db.StringGetAsync(VersionKey(tenant));
            }

            entry = version.HasValue ? $"reporting:{tenant}:{Shape}:{version}:{key}" : null;
            if (entry is not null && await db.StringGetAsync(entry) is { HasValue: true } cached)
            {
                return JsonSerializer.Deserialize<T>((string)cached!, Json)!;
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException or JsonException)
        {
            logger.LogWarning(e, "The report cache could not be read ({Cause}); computing the figures", e.Message);
            entry = null;
        }

        var value = await compute();
        if (entry is not null)
        {
            try
            {
                await redis.GetDatabase().StringSetAsync(entry, JsonSerializer.Serialize(value, Json), Lifetime);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                logger.LogWarning(e, "The report cache could not be written ({Cause})", e.Message);
            }
        }

        return value;
    }

    /// <summary>Makes every figure cached for the tenant stale (call after the change is committed).</summary>
    public async Task InvalidateAsync(Guid tenant)
    {
        if (redis is null)
        {
            return;
        }

        try
        {
            // A new unique version rather than a counter: a counter lost with its key would start again and meet old entries.
            await redis.GetDatabase().StringSetAsync(VersionKey(tenant), NewVersion(), VersionLifetime);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogError(e, "The report cache of tenant {Tenant} could not be invalidated ({Cause}): its figures may lag by up to {Lifetime}", tenant, e.Message,
                Lifetime);
        }
    }

    private static string VersionKey(Guid tenant) => $"reporting:{tenant}:version";

    private static string NewVersion() => Guid.NewGuid().ToString("N");
}
