using ArPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ArPlatform.Gateway.Ingress;

/// <summary>
/// The gateway's health as the internet may see it: /health answers Healthy or Unhealthy (200 or 503) and nothing
/// else, /alive whether the process runs. The checks one by one (/health/details) and the Prometheus metrics
/// (/metrics) are served only on <c>Gateway:InternalPort</c>, a port the ingress does not route to (list it among the
/// gateway's URLs too, e.g. ASPNETCORE_URLS=http://+:8080;http://+:9090); the port of the connection decides, not the
/// Host header. Without that setting they are not served at all (the metrics still go out over OTLP).
/// </summary>
public static class GatewayHealth
{
    public static WebApplication MapGatewayHealth(this WebApplication app)
    {
        if (app.Configuration.GetValue<int?>("Gateway:InternalPort") is { } port)
        {
            app.UseHealthChecks("/health/details", port, new HealthCheckOptions { ResponseWriter = DetailsAsync });
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Connection.LocalPort == port && context.Request.Path == "/metrics");
        }

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(Extensions.LiveTag) }).AllowAnonymous();
        return app;
    }

    private static Task DetailsAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        });
}
