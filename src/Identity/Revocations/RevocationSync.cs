using System.Globalization;
using ArPlatform.Identity.Persistence;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace ArPlatform.Identity.Revocations;

/// <summary>
/// Rewrites the revocation list from Identity's database every <c>Identity:RevocationSyncSeconds</c> (10 by default)
/// and at start, so that a lost write or a Redis emptied by a restart is made good within that period. It adds every
/// suspended tenant and disabled client; removes the entries of this database's tenants and clients that are active
/// again (only when older than a minute, so as never to undo a change committed while it was reading); and drops ended
/// sessions older than any access token can live. Entries it does not know (another environment's) it leaves alone.
/// </summary>
internal sealed class RevocationSync(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<RevocationSync> logger) : BackgroundService
{
    private static readonly TimeSpan UndoMargin = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(configuration.GetValue("Identity:RevocationSyncSeconds", 10));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SyncAsync(stoppingToken);
            }
            catch (Exception e) when (e is RedisException or TimeoutException or DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The revocation list could not be synchronised");
            }

            try
            {
                await Task.Delay(period, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<IConnectionMultiplexer>() is not { } redis)
        {
            return;
        }

        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var started = clock.GetUtcNow();
        var tenants = await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.SuspendedAt }).ToListAsync(cancellationToken);
        var clients = await db.ApiClients.AsNoTracking().Select(c => new { c.ClientId, c.DisabledAt }).ToListAsync(cancellationToken);
        var revoked = tenants.Where(t => t.SuspendedAt is not null).Select(t => (Field: TokenRevocations.TenantField(t.Id), At: t.SuspendedAt!.Value))
            .Concat(clients.Where(c => c.DisabledAt is not null).Select(c => (Field: TokenRevocations.ClientField(c.ClientId), At: c.DisabledAt!.Value)))
            .ToList();
        var active = tenants.Where(t => t.SuspendedAt is null).Select(t => TokenRevocations.TenantField(t.Id))
            .Concat(clients.Where(c => c.DisabledAt is null).Select(c => TokenRevocations.ClientField(c.ClientId)))
            .ToHashSet(StringComparer.Ordinal);

        var cache = redis.GetDatabase();
        if (revoked.Count > 0)
        {
            await cache.HashSetAsync(TokenRevocations.Key, [.. revoked.Select(r => new HashEntry(r.Field, r.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)))]);
        }

        var oldest = (started - UndoMargin).ToUnixTimeMilliseconds();
        var sessionsKept = (started - configuration.GetValue("Identity:AccessTokenLifetime", TimeSpan.FromMinutes(60)) - TimeSpan.FromMinutes(5)).ToUnixTimeMilliseconds();
        var stale = (await cache.HashGetAllAsync(TokenRevocations.Key))
            .Where(e => long.TryParse(e.Value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var at)
                && ((active.Contains(e.Name.ToString()) && at < oldest) || (e.Name.ToString().StartsWith("user:", StringComparison.Ordinal) && at < sessionsKept)))
            .Select(e => e.Name)
            .ToArray();
        if (stale.Length > 0)
        {
            await cache.HashDeleteAsync(TokenRevocations.Key, stale);
        }
    }
}
