using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ArPlatform.ServiceDefaults.Security;

/// <summary>
/// The platform's revocation list (ADR 0028): what Identity has taken back, which every process that validates a token
/// consults. One Redis hash, <see cref="Key"/>, that Identity writes at the change and rewrites from its database every
/// few seconds: <c>tenant:{id}</c> (suspended), <c>client:{client_id}</c> (disabled), <c>user:{sub}</c> (sessions ended:
/// tokens issued before then are refused); each field's value is the moment, in Unix milliseconds.
/// Each process keeps a copy at most <see cref="RefreshInterval"/> old, so a change holds everywhere within that plus
/// Identity's write. It fails safe: when the list cannot be read and the copy is older than <see cref="MaxAge"/>,
/// <see cref="CurrentAsync"/> answers null and tokens are refused (503) rather than accepted unchecked. A process
/// without Redis configured (never so in the AppHost or its manifest) checks nothing.
/// </summary>
public sealed class TokenRevocations(IConnectionMultiplexer? redis, TimeProvider clock, ILogger<TokenRevocations> logger)
{
    public const string Key = "platform:revocations";
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile RevocationList? _current;
    private DateTimeOffset _failedAt = DateTimeOffset.MinValue;

    public static string TenantField(Guid tenant) => "tenant:" + tenant.ToString("D");

    public static string ClientField(string clientId) => "client:" + clientId;

    public static string UserField(string subject) => "user:" + subject;

    /// <summary>The list as last read (at most <see cref="RefreshInterval"/> old), or null when it is unknown.</summary>
    public async ValueTask<RevocationList?> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (redis is null)
        {
            return RevocationList.Empty;
        }

        var current = _current;
        var now = clock.GetUtcNow();
        if (current is not null && now - current.ReadAt < RefreshInterval)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            now = clock.GetUtcNow();
            if (current is not null && now - current.ReadAt < RefreshInterval)
            {
                return current;
            }

            if (now - _failedAt >= RetryAfterFailure)
            {
                try
                {
                    var entries = await redis.GetDatabase().HashGetAllAsync(Key);
                    _current = current = new RevocationList(now, entries.ToDictionary(
                        e => e.Name.ToString(), e => long.TryParse(e.Value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var at) ? at : long.MaxValue, StringComparer.Ordinal));
                    return current;
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    _failedAt = now;
                    logger.LogWarning(e, "The revocation list could not be read from Redis");
                }
            }

            return current is not null && now - current.ReadAt < MaxAge ? current : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Registers the list for <see cref="AuthenticationExtensions.AddPlatformAuthentication"/> and the workbench's sessions.</summary>
    public static IServiceCollection AddTokenRevocations(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new TokenRevocations(sp.GetService<IConnectionMultiplexer>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TokenRevocations>>()));
        return services;
    }
}

/// <summary>A copy of the revocation list, read at <see cref="ReadAt"/>.</summary>
public sealed class RevocationList(DateTimeOffset readAt, IReadOnlyDictionary<string, long> entries)
{
    public static readonly RevocationList Empty = new(DateTimeOffset.MaxValue, new Dictionary<string, long>());

    public DateTimeOffset ReadAt { get; } = readAt;

    public bool IsTenantSuspended(Guid tenant) => entries.ContainsKey(TokenRevocations.TenantField(tenant));

    /// <summary>Why the token is refused, or null when nothing of it has been taken back.</summary>
    public string? Refusal(ClaimsPrincipal token)
    {
        if (entries.Count == 0)
        {
            return null;
        }

        if (token.TenantId() is { } tenant && IsTenantSuspended(tenant))
        {
            return "The tenant is suspended.";
        }

        if (token.FindFirst(PlatformAuth.ClientIdClaim)?.Value is { Length: > 0 } client && entries.ContainsKey(TokenRevocations.ClientField(client)))
        {
            return "The API client is disabled.";
        }

        if (token.FindFirst("sub")?.Value is { Length: > 0 } subject && entries.TryGetValue(TokenRevocations.UserField(subject), out var endedAt)
            && long.TryParse(token.FindFirst("iat")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var issuedAt) && issuedAt < endedAt / 1000)
        {
            return "The session has ended: sign in again.";
        }

        return null;
    }

    /// <summary>Whether the person's sessions were ended after <paramref name="signedInAt"/> (the workbench's own session).</summary>
    public bool SessionsEndedSince(string subject, DateTimeOffset signedInAt) =>
        entries.TryGetValue(TokenRevocations.UserField(subject), out var endedAt) && signedInAt.ToUnixTimeMilliseconds() < endedAt;
}
