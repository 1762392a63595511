using System.Text.RegularExpressions;

namespace ArPlatform.Gateway.Headers;

/// <summary>
/// Removes headers only the platform may set (a caller could otherwise claim a tenant or an identity), and gives
/// every request a correlation id that is forwarded to the services and returned to the caller.
/// </summary>
public sealed partial class GatewayHeaders(RequestDelegate next)
{
    public const string CorrelationId = "X-Correlation-Id";

    private static readonly string[] InternalPrefixes = ["X-Internal-", "X-Tenant", "X-Client-", "X-User-", "X-Forwarded-", "X-Original-"];

    /// <summary>X-Tenant itself is kept for now: once the token is validated, it stays only on a staff request whose token grants it (UseTenantFromToken).</summary>
    private static bool IsInternal(string name) =>
        !name.Equals(ArPlatform.ServiceDefaults.Security.PlatformAuth.TenantHeader, StringComparison.OrdinalIgnoreCase)
        && InternalPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex SafeCorrelationId();

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        foreach (var name in headers.Keys.Where(IsInternal).ToList())
        {
            headers.Remove(name);
        }

        var correlation = headers[CorrelationId].ToString();
        if (!SafeCorrelationId().IsMatch(correlation))
        {
            correlation = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
            headers[CorrelationId] = correlation;
        }

        context.Response.Headers[CorrelationId] = correlation;
        return next(context);
    }
}
