using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Gateway.Routing;
using ArPlatform.ServiceDefaults;
using ArPlatform.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Gateway.Tests;

/// <summary>
/// The platform test clock through the gateway, with its real Redis, and a second process on the same Redis that
/// follows it; the gateway's daily-job overview over services that answer, have no jobs or are down.
/// </summary>
public sealed class PlatformClockTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private const string ClockPath = "/api/v1/platform/clock";
    private readonly List<IAsyncDisposable> _started = [];

    /// <summary>A Redis database for this class only: the clock is one key, and it never goes back.</summary>
    private string Cache => infrastructure.Redis.GetConnectionString() + ",defaultDatabase=5";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var started in _started)
        {
            await started.DisposeAsync();
        }
    }

    private ServiceUnderTest<Program> Gateway(bool testClock = true, IReadOnlyDictionary<string, string>? services = null)
    {
        var settings = GatewayRoutes.Services.ToDictionary(s => $"services:{s}:http:0", s => services?.GetValueOrDefault(s) ?? "http://127.0.0.1:9");
        settings["Platform:TestClock"] = testClock ? "true" : "false";
        var gateway = new ServiceUnderTest<Program>(new Dictionary<string, string> { ["cache"] = Cache }, settings);
        _started.Add(gateway);
        return gateway;
    }

    private static HttpClient Admin(ServiceUnderTest<Program> gateway) => gateway.ClientFor(TestTokens.Issue(null, "platform.admin"));

    private static async Task<DateTimeOffset> NowAsync(HttpClient admin) =>
        DateTimeOffset.Parse((string)(await admin.GetFromJsonAsync<JsonObject>(ClockPath))!["now"]!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Advancing_days_moves_another_services_clock_within_two_seconds()
    {
        using var other = await ServiceHost.StartAsync(new Dictionary<string, string?> { [ResourceNames.Cache] = Cache }, builder =>
        {
            builder.Configuration["Platform:TestClock"] = "true";
            builder.AddServiceDefaults();
        });
        var otherClock = other.Services.GetRequiredService<TimeProvider>();
        var admin = Admin(Gateway());
        var before = await NowAsync(admin);

        var moved = await admin.PutAsJsonAsync(ClockPath, new { advanceDays = 3 });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var body = (await moved.Content.ReadFromJsonAsync<JsonObject>())!;
        var now = DateTimeOffset.Parse((string)body["now"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(now - before, TimeSpan.FromDays(3), TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        Assert.Equal(DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(5.5)).DateTime).ToString("yyyy-MM-dd"), (string)body["businessDate"]!);
        await ServiceHost.EventuallyAsync(() => Task.FromResult(otherClock.GetUtcNow() >= now), "the other service's clock to follow", seconds: 2);
        await other.StopAsync();
    }

    [Fact]
    public async Task The_clock_moves_only_forward_to_a_given_time_and_a_body_must_say_exactly_one_thing()
    {
        var admin = Admin(Gateway());
        var current = await NowAsync(admin);

        var back = await admin.PutAsJsonAsync(ClockPath, new { now = current.AddHours(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, back.StatusCode);
        Assert.Contains("only moves forward", (string)(await back.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["now"]![0]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(ClockPath, new { now = current.AddDays(1), advanceDays = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(ClockPath, new { })).StatusCode);
        var zero = await admin.PutAsJsonAsync(ClockPath, new { advanceDays = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.NotNull((await zero.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["advanceDays"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(ClockPath, new { advanceDays = 367 })).StatusCode);
        Assert.True(await NowAsync(admin) - current < TimeSpan.FromMinutes(1)); // nothing moved

        var target = current.AddDays(20).ToOffset(TimeSpan.FromHours(5.5));
        var forward = await admin.PutAsJsonAsync(ClockPath, new { now = target });
        Assert.Equal(HttpStatusCode.OK, forward.StatusCode);
        Assert.InRange(await NowAsync(admin) - target, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Two_advances_at_once_move_the_clock_by_both()
    {
        var (first, second) = (Admin(Gateway()), Admin(Gateway()));
        var before = await NowAsync(first);

        var moves = await Task.WhenAll(first.PutAsJsonAsync(ClockPath, new { advanceDays = 1 }), second.PutAsJsonAsync(ClockPath, new { advanceDays = 1 }));

        Assert.All(moves, m => Assert.Equal(HttpStatusCode.OK, m.StatusCode));
        await ServiceHost.EventuallyAsync(async () => await NowAsync(first) - before >= TimeSpan.FromDays(2), "both moves", seconds: 2);
        Assert.InRange(await NowAsync(second) - before, TimeSpan.FromDays(2), TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Only_a_platform_admin_sees_or_moves_the_clock_and_with_the_test_clock_off_there_is_none()
    {
        var gateway = Gateway();
        var tenant = gateway.ClientFor(TestTokens.Issue(Guid.NewGuid(), "customers.read", "customers.write"));
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.PutAsJsonAsync(ClockPath, new { advanceDays = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.GetAsync(ClockPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.ClientFor(null).GetAsync(ClockPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.GetAsync("/api/v1/platform/jobs")).StatusCode);

        var off = Admin(Gateway(testClock: false));
        var get = await off.GetAsync(ClockPath);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await off.PutAsJsonAsync(ClockPath, new { advanceDays = 1 })).StatusCode);
    }

    [Fact]
    public async Task The_jobs_overview_gathers_every_service_with_the_callers_token_and_names_those_without_jobs_or_down()
    {
        var token = TestTokens.Issue(null, "platform.admin");
        string? query = null;
        var withJobs = await FakeServiceAsync(app => app.MapGet("/platform/jobs", (HttpRequest request) =>
        {
            if (request.Headers.Authorization != $"Bearer {token}")
            {
                return Results.Unauthorized();
            }

            query = request.QueryString.Value;
            return Results.Json(new
            {
                runs = new object[]
                {
                    new { job = "invoice-notices", businessDate = "2027-01-16", tenantsDone = 2, tenantsRunning = 0, tenantsFailed = Array.Empty<object>(), started = "2027-01-16T00:00:01Z", finished = "2027-01-16T00:00:02Z" },
                    new { job = "invoice-notices", businessDate = "2027-01-15", tenantsDone = 1, tenantsRunning = 0, tenantsFailed = new[] { new { tenantId = Guid.Empty, error = "boom", attempts = 3 } }, started = "2027-01-15T00:00:01Z", finished = "2027-01-15T00:00:02Z" },
                },
            });
        }));
        var withoutJobs = await FakeServiceAsync(_ => { });
        var gateway = Gateway(services: new Dictionary<string, string> { ["invoices"] = withJobs, ["reporting"] = withoutJobs });
        var admin = gateway.ClientFor(token);

        var answer = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/platform/jobs?job=invoice-notices&from=2027-01-01"))!;

        var statuses = answer["services"]!.AsArray().ToDictionary(s => (string)s!["service"]!, s => (string)s!["status"]!);
        Assert.Equal("ok", statuses["invoices"]);
        Assert.Equal("no daily jobs", statuses["reporting"]);
        Assert.Equal("unavailable", statuses["customers"]);
        Assert.Equal("?job=invoice-notices&from=2027-01-01", query);
        var runs = answer["runs"]!.AsArray();
        Assert.Equal(["2027-01-16", "2027-01-15"], runs.Select(r => (string)r!["businessDate"]!));
        Assert.All(runs, r => Assert.Equal("invoices", (string)r!["service"]!));
        Assert.Equal("boom", (string)runs[1]!["tenantsFailed"]![0]!["error"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/platform/jobs?from=15-01-2027")).StatusCode);
    }

    /// <summary>A small web server on a free port standing in for a service; returns its URL.</summary>
    private async Task<string> FakeServiceAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        _started.Add(app);
        return app.Urls.Single();
    }
}
