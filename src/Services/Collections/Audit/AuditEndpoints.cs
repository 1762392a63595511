using System.Text.Json;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Time;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Audit;

public sealed record ConfigChangeResponse(
    Guid Id, string Entity, string? Key, string ChangedBy, string? ChangedByName, string Authority, DateTimeOffset ChangedAt, JsonElement? OldValue, JsonElement NewValue)
{
    public static ConfigChangeResponse Of(ConfigChange c) => new(c.Id, c.Entity, c.Key, c.ChangedBy, c.ChangedByName, c.Authority, c.ChangedAt,
        c.OldValue is null ? null : JsonDocument.Parse(c.OldValue).RootElement, JsonDocument.Parse(c.NewValue).RootElement);
}

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/collections/audit", ListAsync).WithTags("Audit").RequireTenantScope(Scopes.CollectionsRead).WithName("ListConfigChanges")
            .WithSummary("Every change of templates, settings, strategies and aging buckets, and every dispute resolved with a credit: who, with which authority, when, the old and the new value. Newest first.")
            .ProducesValidationProblem();

    /// <summary>from and to are days in India (YYYY-MM-DD), both included.</summary>
    private static async Task<IResult> ListAsync(CollectionsDbContext db, TimeProvider clock, string? entity, string? from, string? to, int? page, int? pageSize)
    {
        var validation = new Validation()
            .When(entity is not null && !AuditedEntities.All.Contains(entity), "entity", $"must be one of {string.Join(", ", AuditedEntities.All)}.");
        var fromDate = validation.QueryDate("from", from);
        var toDate = validation.QueryDate("to", to);
        var latest = BusinessDate.Latest(BusinessDate.Today(clock));
        validation.BusinessDate("from", fromDate, latest, $"must be at most {BusinessDate.MaxYearsAhead} years ahead.")
            .BusinessDate("to", toDate, latest, $"must be at most {BusinessDate.MaxYearsAhead} years ahead.")
            .When(fromDate is not null && toDate is not null && toDate < fromDate, "to", "must not be before from.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        var changes = db.ConfigChanges.AsNoTracking();
        changes = entity is null ? changes : changes.Where(c => c.Entity == entity);
        if (fromDate is { } first)
        {
            var start = India.StartOf(first);
            changes = changes.Where(c => c.ChangedAt >= start);
        }

        if (toDate is { } last)
        {
            var end = India.StartOf(last.AddDays(1));
            changes = changes.Where(c => c.ChangedAt < end);
        }

        return TypedResults.Ok(await QueryPages.PageAsync(changes.OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id), page, pageSize,
            c => ConfigChangeResponse.Of(c)));
    }
}
