using System.Net;
using System.Net.Http.Headers;
using ArPlatform.Gateway.Routing;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace ArPlatform.Gateway.Platform;

/// <summary>What one service said when asked for its daily-job runs.</summary>
/// <param name="Service">The service's resource name.</param>
/// <param name="Status"><c>ok</c>, <c>no daily jobs</c> (it has no <c>/platform/jobs</c>) or <c>unavailable</c>.</param>
/// <param name="Detail">Why it is unavailable.</param>
public sealed record JobsServiceStatus(string Service, string Status, string? Detail);

/// <summary>One job's runs for one business date on one service.</summary>
public sealed record PlatformJobRun(
    string Service, string Job, DateOnly BusinessDate, int TenantsDone, int TenantsRunning, IReadOnlyList<DailyJobFailedTenant> TenantsFailed,
    DateTimeOffset Started, DateTimeOffset? Finished);

public sealed record PlatformJobsResponse(IReadOnlyList<JobsServiceStatus> Services, IReadOnlyList<PlatformJobRun> Runs);

/// <summary>A tenant whose run of the job failed, with the last error and how often it was tried.</summary>
public sealed record DailyJobFailedTenant(Guid TenantId, string? Error, int Attempts);

/// <summary>
/// <c>GET /api/v1/platform/jobs?job=&amp;from=&amp;to=</c> (platform.admin): the daily-job runs of every service, gathered
/// from each one's internal <c>/platform/jobs</c> through service discovery with the caller's token, newest dates first.
/// A service without daily jobs or down is named in <c>services</c> with its status instead of failing the answer.
/// </summary>
public static class JobsEndpoints
{
    public const string Path = "/api/v1/platform/jobs";
    public const string HttpClientName = "platform-jobs";
    public const string Ok = "ok";
    public const string NoDailyJobs = "no daily jobs";
    public const string Unavailable = "unavailable";

    /// <summary>Where every service with daily jobs answers with its runs (internal: not routed by the gateway).</summary>
    public const string ServiceJobsPath = "/platform/jobs";

    public static IServiceCollection AddPlatformJobsClient(this IServiceCollection services)
    {
        // One try, a few seconds: a service that is down is reported as such, not waited for through the retries.
#pragma warning disable EXTEXP0001 // evaluation API, but the one way to take a client out of the defaults' resilience handler
        services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5)).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return services;
    }

    public static IEndpointRouteBuilder MapJobsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetAsync).WithTags("Platform").RequireAuthorization(Scopes.PlatformAdmin).WithMetadata(new RequiredScope(Scopes.PlatformAdmin))
            .WithName("GetPlatformJobs").WithSummary("The daily-job runs of every service per job and business date, newest first; from and to are YYYY-MM-DD.")
            .Produces<PlatformJobsResponse>().ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> GetAsync(string? job, string? from, string? to, HttpContext context, IHttpClientFactory clients)
    {
        var validation = new Validation().Text("job", job, 100);
        var fromDate = validation.QueryDate("from", from);
        var toDate = validation.QueryDate("to", to);
        validation.When(fromDate > toDate, "to", "must not be before from.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var query = new Dictionary<string, string?> { ["job"] = job, ["from"] = from, ["to"] = to }.Where(q => q.Value is not null);
        var path = QueryHelpers.AddQueryString(ServiceJobsPath, query);
        var token = AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header) ? header : null;
        var client = clients.CreateClient(HttpClientName);
        var answers = await Task.WhenAll(GatewayRoutes.Services.Select(service => AskAsync(client, service, path, token, context.RequestAborted)));
        var runs = answers.SelectMany(a => a.Runs).OrderByDescending(r => r.BusinessDate).ThenBy(r => r.Service, StringComparer.Ordinal)
            .ThenBy(r => r.Job, StringComparer.Ordinal).ToList();
        return Results.Ok(new PlatformJobsResponse([.. answers.Select(a => a.Status)], runs));
    }

    private static async Task<(JobsServiceStatus Status, IEnumerable<PlatformJobRun> Runs)> AskAsync(
        HttpClient client, string service, string path, AuthenticationHeaderValue? token, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{service}{path}");
            request.Headers.Authorization = token;
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return (new JobsServiceStatus(service, NoDailyJobs, null), []);
            }

            if (!response.IsSuccessStatusCode)
            {
                return (new JobsServiceStatus(service, Unavailable, $"It answered {(int)response.StatusCode} {response.ReasonPhrase}."), []);
            }

            var runs = (await response.Content.ReadFromJsonAsync<ServiceJobRuns>(cancellationToken))?.Runs ?? [];
            return (new JobsServiceStatus(service, Ok, null), runs.Select(r => new PlatformJobRun(
                service, r.Job, r.BusinessDate, r.TenantsDone, r.TenantsRunning, r.TenantsFailed, r.Started, r.Finished)));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            return (new JobsServiceStatus(service, Unavailable, e.Message), []);
        }
    }

    /// <summary>A service's answer at <see cref="ServiceJobsPath"/>, as much of it as the gateway reads.</summary>
    private sealed record ServiceJobRuns(IReadOnlyList<ServiceJobRun> Runs);

    private sealed record ServiceJobRun(
        string Job, DateOnly BusinessDate, int TenantsDone, int TenantsRunning, IReadOnlyList<DailyJobFailedTenant> TenantsFailed,
        DateTimeOffset Started, DateTimeOffset? Finished);
}
