using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Collections.Persistence;
using ArPlatform.Collections.Tenants;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Worklist;

public static class WorklistEndpoints
{
    public static void MapWorklistEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/collections/my-worklist", GetMineAsync).WithTags("Worklist").RequireAuthorization(Scopes.CollectionsRead)
            .WithMetadata(new RequiredScope(Scopes.CollectionsRead)).WithName("GetMyWorklist").ProducesValidationProblem()
            .WithSummary("The signed-in collector's accounts of every tenant they hold, ranked in one list (staff sign-in only).")
            .WithDescription("""
                Each row names its tenant. Scores as in GET /worklist. Filters: tenant (an id), step (reached or due), promise (open, due-today,
                broken, none), dispute (open, past-sla, none). A partner's token has no person: it gets 403 and uses GET /worklist?collector=.
                """);
        app.MapGet("/api/v1/collections/my-tasks", GetMyTasksAsync).WithTags("Worklist").RequireAuthorization(Scopes.CollectionsRead)
            .WithMetadata(new RequiredScope(Scopes.CollectionsRead)).WithName("GetMyTasks").ProducesValidationProblem()
            .WithSummary("The signed-in person's open tasks due by a date (today unless given) in every tenant they hold, the oldest first (at most 500).");
        app.MapGet("/api/v1/collections/worklist", GetAsync).WithTags("Worklist").RequireTenantScope(Scopes.CollectionsRead).WithName("GetWorklist")
            .WithSummary("A collector's accounts (every collector's without collector) ranked by priority, each with its score and the reasons that make it up.")
            .WithDescription("""
                Score = sum of the reasons' points: overdue amount 1 per ₹10,000 (at most 30); oldest overdue item 1 per 3 days past due (at most 30);
                risk rating B 3, C 6, D 10, E 15; broken promises 10 each (at most 20); a promise due today 15; disputes past their SLA 10 each (at most 20);
                tasks due 10; a dunning step due 5. Ties: more overdue first, then customer code.
                """);
    }

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

    private static async Task<IResult> GetMineAsync(
        HttpContext http, MyWorklist worklist, CollectionsDbContext db, TenantContext tenantContext, TimeProvider clock,
        Guid? tenant, string? step, string? promise, string? dispute, int? page, int? pageSize, CancellationToken ct)
    {
        var grant = http.User.StaffTenants();
        if (grant is null || await StaffScopeAsync(http, db, tenantContext, ct) is not ({ } collector, { } tenants))
        {
            return StaffOnly();
        }

        var validation = new Validation()
            .When(promise is not null && !MyWorklistFilter.PromiseValues.Contains(promise), "promise", $"must be one of {string.Join(", ", MyWorklistFilter.PromiseValues)}.")
            .When(dispute is not null && !MyWorklistFilter.DisputeValues.Contains(dispute), "dispute", $"must be one of {string.Join(", ", MyWorklistFilter.DisputeValues)}.")
            .When(tenant is { } t && !grant.Allows(t), "tenant", "is not one of the tenants you hold.")
            .Text("step", step, 50);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await worklist.RankAsync(collector, tenants, new MyWorklistFilter(tenant, step, promise, dispute),
            BusinessDate.Today(clock), page ?? 1, pageSize ?? Paging.DefaultPageSize, clock.GetUtcNow(), ct));
    }

    private static async Task<IResult> GetMyTasksAsync(HttpContext http, CollectionsDbContext db, TenantContext tenantContext, TimeProvider clock, string? due, CancellationToken ct)
    {
        if (await StaffScopeAsync(http, db, tenantContext, ct) is not ({ } collector, { } tenants))
        {
            return StaffOnly();
        }

        if (!BusinessDate.TryParseAsOf(due, clock, out var dueBy, out var invalid))
        {
            return invalid!;
        }

        return TypedResults.Ok(await MyWorklistQueries.TasksAsync(db, [.. tenants], collector, dueBy, 500, ct));
    }

    /// <summary>The person's collector code and tenants, with the read set made those tenants; null for a token that names no person.</summary>
    private static async Task<(string Collector, IReadOnlyList<Guid> Tenants)?> StaffScopeAsync(HttpContext http, CollectionsDbContext db, TenantContext tenantContext, CancellationToken ct)
    {
        var grant = http.User.StaffTenants();
        var collector = http.User.FindFirst(PlatformAuth.CollectorClaim)?.Value;
        if (grant is null || string.IsNullOrEmpty(collector))
        {
            return null;
        }

        IReadOnlyList<Guid> tenants = grant.All ? await db.Set<CollectionTenant>().Select(t => t.Id).ToListAsync(ct) : grant.Tenants;
        tenantContext.SetReadTenants(tenants);
        return (collector, tenants);
    }

    private static IResult StaffOnly() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This list is for signed-in staff.",
        detail: "A partner's token names no person: use GET /api/v1/collections/worklist?collector=<code> instead.");
}
