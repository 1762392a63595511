using System.Security.Cryptography;
using System.Text.Json;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ArPlatform.ServiceDefaults.Http;

/// <summary>
/// <c>Idempotency-Key</c> on POST: the first answer is kept in Redis for 24 h per tenant, client and resource, and a
/// replay with the same key and body gets that answer again without running the request twice. The resource is the
/// matched endpoint's route pattern with its route values, so every spelling routing accepts for it
/// (<c>/API/v1/Payments</c>, a trailing slash) is one resource. The same key with another body or query string is
/// refused (422); a replay while the first is still running gets 409. Server errors are not kept, so the client can
/// retry them. Runs after routing, which <see cref="WebApplication"/> puts first in the pipeline.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IConnectionMultiplexer redis, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    private static readonly TimeSpan InFlight = TimeSpan.FromMinutes(5);

    private sealed record StoredResponse(string Fingerprint, int Status, string? ContentType, string? Location, string Body);

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        if (key.Length > 200)
        {
            await Results.ValidationProblem(new Dictionary<string, string[]> { [Header] = ["must be at most 200 characters."] }).ExecuteAsync(context);
            return;
        }

        context.Request.EnableBuffering();
        var fingerprint = await FingerprintAsync(context.Request);
        context.Request.Body.Position = 0;
        var storeKey = StoreKey(context, key);
        var db = redis.GetDatabase();

        if (!await db.StringSetAsync(storeKey, "", InFlight, When.NotExists))
        {
            var stored = await db.StringGetAsync(storeKey);
            if (stored.IsNullOrEmpty)
            {
                await Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The first request with this Idempotency-Key is still running.",
                    detail: "Retry in a moment to get its answer.").ExecuteAsync(context);
                return;
            }

            var response = JsonSerializer.Deserialize<StoredResponse>(stored.ToString())!;
            if (response.Fingerprint != fingerprint)
            {
                await Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "This Idempotency-Key was used with another request body.",
                    detail: "Use a new key for a new request.").ExecuteAsync(context);
                return;
            }

            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            if (response.Location is not null)
            {
                context.Response.Headers.Location = response.Location;
            }

            context.Response.Headers["Idempotent-Replayed"] = "true";
            await context.Response.WriteAsync(response.Body);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            await db.KeyDeleteAsync(storeKey);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        buffer.Position = 0;
        var body = await new StreamReader(buffer).ReadToEndAsync();
        if (context.Response.StatusCode >= 500)
        {
            await db.KeyDeleteAsync(storeKey);
        }
        else
        {
            var stored = new StoredResponse(fingerprint, context.Response.StatusCode, context.Response.ContentType,
                context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null, body);
            try
            {
                await db.StringSetAsync(storeKey, JsonSerializer.Serialize(stored), Retention);
            }
            catch (RedisException e)
            {
                logger.LogWarning(e, "The answer to Idempotency-Key {Key} could not be kept", key);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original);
    }

    /// <summary>Tenant, caller, resource and key: the caller is the token's client (its subject when it names none).</summary>
    internal static string StoreKey(HttpContext context, string key)
    {
        var caller = context.User.Caller();
        return $"idempotency:{context.User.TenantId()}:{Escape(caller)}:{Escape(Resource(context))}:{key}";
    }

    internal static string Resource(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern })
        {
            var values = context.Request.RouteValues
                .OrderBy(v => v.Key, StringComparer.OrdinalIgnoreCase)
                .Select(v => $"{v.Key.ToLowerInvariant()}={Canonical(v.Value)}");
            return $"{pattern.TrimEnd('/').ToLowerInvariant()}?{string.Join('&', values)}";
        }

        // No endpoint matched (the answer will be a 404 or 405): the path as routing compares it.
        return context.Request.Path.Value?.TrimEnd('/').ToLowerInvariant() ?? "";
    }

    // The same id in upper case or without hyphens is the same resource; other values are kept as sent.
    private static string Canonical(object? value) => value switch
    {
        string s when Guid.TryParse(s, out var id) => id.ToString("D"),
        null => "",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    // ':' separates the parts of the key, so a caller or path cannot be made to look like another's.
    private static string Escape(string? part) => Uri.EscapeDataString(part ?? "");

    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(request.QueryString.Value ?? ""));
        hash.AppendData([0]);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
