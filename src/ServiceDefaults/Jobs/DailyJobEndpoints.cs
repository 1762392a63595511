using System.Globalization;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ArPlatform.ServiceDefaults.Jobs;

public sealed record DailyJobFailedTenant(Guid TenantId, string? Error, int Attempts);

/// <summary>One job's runs for one business date, over the tenants.</summary>
public sealed record DailyJobRunSummary(
    string Job, DateOnly BusinessDate, int TenantsDone, int TenantsRunning, IReadOnlyList<DailyJobFailedTenant> TenantsFailed,
    DateTimeOffset Started, DateTimeOffset? Finished);

public sealed record DailyJobRunsResponse(IReadOnlyList<DailyJobRunSummary> Runs);

public static class DailyJobEndpoints
{
    public const string Path = "/platform/jobs";

    /// <summary>The most job-and-date groups one answer holds (newest first); narrow with from and to for older ones.</summary>
    public const int MaxGroups = 1000;

    /// <summary>
    /// <c>GET /platform/jobs?job=&amp;from=&amp;to=</c> (platform.admin): the service's daily-job runs per job and business
    /// date, newest first. Internal: the gateway gathers it from every service at <c>/api/v1/platform/jobs</c> and
    /// routes nothing here, so it is not in the service's public OpenAPI document.
    /// </summary>
    public static IEndpointRouteBuilder MapDailyJobEndpoints<TContext>(this IEndpointRouteBuilder app) where TContext : TenantDbContext
    {
        app.MapGet(Path, async (string? job, string? from, string? to, TContext db, CancellationToken cancellationToken) =>
        {
            var validation = new Validation().Text("job", job, 100);
            var fromDate = ParseDate(validation, "from", from);
            var toDate = ParseDate(validation, "to", to);
            validation.When(fromDate > toDate, "to", "must not be before from.");
            if (!validation.IsValid)
            {
                return validation.Problem();
            }

            return Results.Ok(await RunsAsync(db, job, fromDate, toDate, cancellationToken));
        }).RequireAuthorization(Scopes.PlatformAdmin).ExcludeFromDescription();
        return app;
    }

    public static async Task<DailyJobRunsResponse> RunsAsync(TenantDbContext db, string? job, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var groups = await DailyJobQueries.GroupsAsync(db, job, from, to, MaxGroups, cancellationToken);
        if (groups.Count == 0)
        {
            return new DailyJobRunsResponse([]);
        }

        var failed = (await DailyJobQueries.FailedAsync(db, job, groups.Min(g => g.BusinessDate), groups.Max(g => g.BusinessDate), cancellationToken))
            .ToLookup(f => (f.Job, f.BusinessDate));
        return new DailyJobRunsResponse([.. groups.Select(g => new DailyJobRunSummary(g.Job, g.BusinessDate, g.Done, g.Running,
            [.. failed[(g.Job, g.BusinessDate)].Select(f => new DailyJobFailedTenant(f.TenantId, f.Error, f.Attempts))], g.Started, g.Finished))]);
    }

    /// <summary>An optional date (YYYY-MM-DD) of a query, the problem added to <paramref name="validation"/> when it is not one.</summary>
    public static DateOnly? ParseDate(Validation validation, string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            validation.Add(field, "must be a date in the form YYYY-MM-DD.");
            return null;
        }

        return date;
    }
}
