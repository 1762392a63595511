using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ArPlatform.BuildingBlocks.Jobs;

public static class DailyJobEndpoints
{
    public const string Path = "/platform/jobs";

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
            var fromDate = validation.QueryDate("from", from);
            var toDate = validation.QueryDate("to", to);
            validation.When(fromDate > toDate, "to", "must not be before from.");
            if (!validation.IsValid)
            {
                return validation.Problem();
            }

            return Results.Ok(await DailyJobQueries.RunsAsync(db, job, fromDate, toDate, cancellationToken));
        }).RequireAuthorization(Scopes.PlatformAdmin).ExcludeFromDescription();
        return app;
    }
}
