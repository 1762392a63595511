using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Mail;
using ArPlatform.ServiceDefaults.Security;
using ArPlatform.ServiceDefaults.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace ArPlatform.ServiceDefaults;

/// <summary>What every ArPlatform process adds, in the manner of Aspire's ServiceDefaults.</summary>
public static class Extensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        // SQL text and per-request lines at Information flood the logs and cost every request CPU; failures are still
        // logged, and request timings are in the metrics and traces.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        // Malformed bodies reach ProblemDetailsExceptionHandler, which names the field, in every environment (ASP.NET
        // Core throws them only in Development by default and otherwise answers a bare 400).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.TryAddScoped<TenantContext>();
        builder.Services.TryAddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        builder.AddPlatformClock();
        builder.AddRedisIfConfigured();
        builder.AddMailIfConfigured();
        return builder;
    }

    /// <summary>
    /// A service's standard pipeline: problem details for errors, token validation, the tenant, scopes, and
    /// Idempotency-Key replays (off for the gateway: the service that owns the resource keeps the answer).
    /// <paramref name="beforeAuthorization"/> adds middleware that must see every request with its caller known,
    /// including those authorization refuses (the gateway's rate limiter). Routing runs before all of it
    /// (<see cref="WebApplication"/> adds it first), so the matched endpoint is known throughout.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app, bool idempotencyKeys = true, Action<WebApplication>? beforeAuthorization = null)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseTenantFromToken();
        beforeAuthorization?.Invoke(app);
        app.UseAuthorization();
        if (idempotencyKeys && app.Services.GetService<IConnectionMultiplexer>() is not null)
        {
            app.UseMiddleware<IdempotencyMiddleware>();
        }

        return app;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", "ArPlatform.*", "Npgsql")
                .AddPrometheusExporter());
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder; // spans nobody receives would only cost every request and every SQL command their recording
        }

        telemetry
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, "MassTransit", "ArPlatform.*")
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/alive")
                    && !context.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation()
                .AddSource("Npgsql"))
            .UseOtlpExporter();
        return builder;
    }

    private static void AddRedisIfConfigured(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString(ResourceNames.Cache) is not { } redis)
        {
            return;
        }

        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false;
        // The shared thread pool instead of the client's own dedicated threads, which spin waiting for work.
        options.SocketManager = SocketManager.ThreadPool;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(ResourceNames.Cache, tags: [ReadyTag]);
    }

    /// <summary>/health (ready: every dependency answers), /alive (the process runs) and /metrics (Prometheus).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (RedisException e)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", e);
        }
    }
}

internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        });
    }
}
