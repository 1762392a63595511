using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Collections.Worklist;

public static class WorklistEndpoints
{
    public static void MapWorklistEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/collections/worklist", GetAsync).WithTags("Worklist").RequireTenantScope(Scopes.CollectionsRead).WithName("GetWorklist")
            .WithSummary("A collector's accounts (every collector's without collector) ranked by priority, each with its score and the reasons that make it up.")
            .WithDescription("""
                Score = sum of the reasons' points: overdue amount 1 per ₹10,000 (at most 30); oldest overdue item 1 per 3 days past due (at most 30);
                risk rating B 3, C 6, D 10, E 15; broken promises 10 each (at most 20); a promise due today 15; disputes past their SLA 10 each (at most 20);
                tasks due 10; a dunning step due 5. Ties: more overdue first, then customer code.
                """);

    private static async Task<IResult> GetAsync(WorklistPages pages, TimeProvider clock, string? collector, string? asOf, int? page, int? pageSize, CancellationToken ct)
    {
        if (!BusinessDate.TryParseAsOf(asOf, clock, out var date, out var invalid))
        {
            return invalid!;
        }

        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await pages.RankAsync(collector, date, BusinessDate.Today(clock), page ?? 1, pageSize ?? Paging.DefaultPageSize, clock.GetUtcNow(), ct));
    }
}
