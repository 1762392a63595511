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
            var version = (long?)await db.StringGetAsync(VersionKey(tenant)) ?? 0;
            entry = $"reporting:{tenant}:v{version}:{key}";
            if (await db.StringGetAsync(entry) is { HasValue: true } cached)
            {
                return JsonSerializer.Deserialize<T>((string)cached!, Json)!;
            }
        }
        catch (RedisException e)
        {
            logger.LogWarning(e, "The report cache could not be read ({Cause}); computing the figures", e.Message);
        }

        var value = await compute();
        if (entry is not null)
        {
            try
            {
                await redis.GetDatabase().StringSetAsync(entry, JsonSerializer.Serialize(value, Json), Lifetime);
            }
            catch (RedisException e)
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
            var db = redis.GetDatabase();
            await db.StringIncrementAsync(VersionKey(tenant));
            await db.KeyExpireAsync(VersionKey(tenant), TimeSpan.FromDays(1));
        }
        catch (RedisException e)
        {
            logger.LogError(e, "The report cache of tenant {Tenant} could not be invalidated ({Cause}): its figures may lag by up to {Lifetime}", tenant, e.Message,
                Lifetime);
        }
    }

    private static string VersionKey(Guid tenant) => $"reporting:{tenant}:version";
}
