using ArPlatform.Gateway.Routing;

namespace ArPlatform.Gateway.Ingress;

/// <summary>
/// Health details and metrics are for the platform's operators, not the internet: what a service behind the gateway
/// answers at /metrics, /health or /alive under a public prefix (the workbench sees /app/metrics as its own /metrics)
/// is not forwarded (404). The gateway's own are served by <see cref="GatewayHealth"/>.
/// </summary>
public sealed class InternalPaths(RequestDelegate next)
{
    private static readonly string[] Internal = ["/metrics", "/health", "/alive"];

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        foreach (var route in GatewayRoutes.Routes)
        {
            if (path.StartsWithSegments(route.Prefix, StringComparison.OrdinalIgnoreCase, out var rest)
                && Internal.Any(i => rest.StartsWithSegments(i, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
        }

        return next(context);
    }
}
