using ArPlatform.Gateway.Headers;
using ArPlatform.Gateway.Ingress;
using ArPlatform.Gateway.Platform;
using ArPlatform.Gateway.RateLimiting;
using ArPlatform.Gateway.Routing;
using ArPlatform.Gateway.Uploads;
using ArPlatform.ServiceDefaults;
using ArPlatform.ServiceDefaults.Security;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAuthentication();
builder.Services.AddAuthorizationBuilder().AddAnyOfScopePolicies(GatewayRoutes.Policies);
builder.Services.Configure<RateLimitOptions>(builder.Configuration.GetSection("Gateway:RateLimit"));
builder.Services.AddTrustedProxies(builder.Configuration);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Gateway:MaxRequestBodyBytes", 16L * 1024 * 1024));
builder.Services.AddPlatformJobsClient();
builder.Services.AddReverseProxy().LoadFromMemory(GatewayRoutes.BuildRoutes(), GatewayRoutes.BuildClusters(builder.Configuration));

var app = builder.Build();
// The client's address from a trusted ingress first: the rate limits and the services see it, not the ingress's.
app.UseForwardedHeaders();
app.UseFrameProtection();
app.UseMiddleware<InternalPaths>();
app.UseMiddleware<ImportBodyLimit>();
app.UseMiddleware<GatewayHeaders>();
// Counted before authorization, so that refused requests (401, 403) count too.
app.UseServiceDefaults(idempotencyKeys: false, beforeAuthorization: a => a.UseMiddleware<RedisRateLimiter>());
app.MapGatewayHealth();
app.MapScalarApiReference("/docs", options =>
{
    options.WithTitle("ArPlatform API");
    foreach (var service in GatewayRoutes.ApiServices)
    {
        options.AddDocument(service, service, $"/openapi/{service}.json");
    }
}).AllowAnonymous();
app.MapClockEndpoints();
app.MapJobsEndpoints();
app.MapReverseProxy();
app.Run();
