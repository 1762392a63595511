using System.Security.Cryptography;
using System.Text.Json;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ArPlatform.ServiceDefaults.Http;

/// <summary>
/// <c>Idempotency-Key</c> on POST: the first answer is kept in Redis for 24 h per tenant and client, and a replay
/// with the same key and body gets that answer again without running the request twice. The same key with another
/// body is refused (422); a replay while the first is still running gets 409. Server errors are not kept, so the
/// client can retry them.
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
        var fingerprint = Convert.ToHexString(await SHA256.HashDataAsync(context.Request.Body));
        context.Request.Body.Position = 0;
        var storeKey = $"idempotency:{context.User.TenantId()}:{context.User.FindFirst("sub")?.Value}:{context.Request.Path}:{key}";
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
}
