using System.Security.Claims;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Disputes;

public static class DisputeEndpoints
{
    public static readonly IReadOnlyList<string> Statuses = [DisputeStatuses.Open, DisputeStatuses.InReview, DisputeStatuses.Resolved];

    public static void MapDisputeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/collections/disputes").WithTags("Disputes");
        group.MapGet("/", ListAsync).RequireTenantScope(Scopes.CollectionsRead).WithName("ListDisputes")
            .WithSummary("Disputes, newest first, by status, reason, customer and whether they are past the client's response time (SLA).");
        group.MapGet("/{id:guid}", async Task<IResult> (Guid id, CollectionsDbContext db, TimeProvider clock, CancellationToken ct) =>
                await db.Disputes.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct) is { } d ? TypedResults.Ok(DisputeResponse.Of(d, clock.GetUtcNow())) : TypedResults.NotFound())
            .RequireTenantScope(Scopes.CollectionsRead).WithName("GetDispute");
        group.MapPost("/{id:guid}/review", async (Guid id, DisputeService disputes, CancellationToken ct) => (await disputes.ReviewAsync(id, ct)).ToResult(TypedResults.Ok))
            .RequireTenantScope(Scopes.CollectionsWrite).WithName("ReviewDispute").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Marks an open dispute as in review by the client.");
        group.MapPost("/{id:guid}/resolve", async (Guid id, ResolveDisputeRequest request, DisputeService disputes, ClaimsPrincipal user, CancellationToken ct) =>
                (await disputes.ResolveAsync(id, request, user.Actor(), ct)).ToResult(TypedResults.Ok))
            .RequireTenantScopeAnyOf(Scopes.CollectionsWrite, Scopes.CreditsApprove).WithName("ResolveDispute").ProducesValidationProblem()
            .WithRequestExample(new { outcome = "partial", creditAmount = 2250m, notes = "Half the shortfall confirmed by the depot" }).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Resolves a dispute: valid (Invoices issues a credit note for the agreed amount, once), invalid (back to dunning), partial (both).")
            .WithDescription("""
                A credit needs credits.approve (a team lead, the client's approver, or an API client granted it); a credit above the
                tenant's creditApprovalLimit (collection settings) needs the client's own approval: a client-approver or the client's
                API client. Otherwise 403, naming what is missing. Who resolved it is kept on the dispute and in the audit.
                """);
    }

    private static async Task<IResult> ListAsync(
        CollectionsDbContext db, TimeProvider clock, string? status, string? reason, bool? pastSla, Guid? customerId, int? page, int? pageSize, CancellationToken ct)
    {
        var validation = new Validation()
            .When(status is not null && !Statuses.Contains(status), "status", $"must be one of {string.Join(", ", Statuses)}.")
            .When(reason is not null && !DisputeReasons.All.Contains(reason), "reason", $"must be one of {string.Join(", ", DisputeReasons.All)}.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        var now = clock.GetUtcNow();
        var disputes = db.Disputes.AsNoTracking();
        disputes = status is null ? disputes : disputes.Where(d => d.Status == status);
        disputes = reason is null ? disputes : disputes.Where(d => d.Reason == reason);
        disputes = customerId is null ? disputes : disputes.Where(d => d.CustomerId == customerId);
        disputes = pastSla switch
        {
            true => disputes.Where(DisputeSla.Past(now)),
            false => disputes.Where(DisputeSla.NotPast(now)),
            _ => disputes,
        };
        var result = await QueryPages.PageAsync(disputes.OrderByDescending(d => d.RaisedAt), page, pageSize, d => d);
        var pastCount = await db.Disputes.CountAsync(DisputeSla.Past(now), ct);
        return TypedResults.Ok(new
        {
            result.Page,
            result.PageSize,
            result.Total,
            PastSlaCount = pastCount,
            Items = result.Items.Select(d => DisputeResponse.Of(d, now)),
        });
    }
}
