using System.Net.Http.Headers;
using System.Security.Claims;
using ArPlatform.ServiceDefaults;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Identity.Tests;

/// <summary>
/// Another service, built as every service is (ServiceDefaults, its token validation, the same Redis), that fetches
/// Identity's published keys from the Identity under test and answers GET /probe with the caller for any valid token.
/// </summary>
internal sealed class ProbeService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProbeService(WebApplication app) => _app = app;

    public static async Task<ProbeService> StartAsync(Testing.ServiceUnderTest<Program> identity, string redis)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Configuration["ConnectionStrings:cache"] = redis;
        builder.Configuration["Identity:Url"] = "http://identity";
        builder.Configuration["Identity:RequireHttpsMetadata"] = "false";
        builder.AddServiceDefaults();
        builder.AddPlatformAuthentication();
        var handler = identity.Server.CreateHandler();
        builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = handler);
        var app = builder.Build();
        app.UseServiceDefaults(idempotencyKeys: false);
        app.MapGet("/probe", (ClaimsPrincipal user) => Results.Ok(new { caller = user.Caller() })).RequireAuthorization();
        await app.StartAsync();
        return new ProbeService(app);
    }

    /// <summary>The probe's answer to <paramref name="token"/>: 200 when the token is accepted.</summary>
    public async Task<HttpResponseMessage> CallAsync(string token, string? tenantHeader = null)
    {
        using var client = _app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/probe");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (tenantHeader is not null)
        {
            request.Headers.Add(PlatformAuth.TenantHeader, tenantHeader);
        }

        return await client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
