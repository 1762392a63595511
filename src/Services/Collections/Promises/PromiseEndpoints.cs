using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Collections.Promises;

public static class PromiseEndpoints
{
    public static void MapPromiseEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/collections/promises/{id:guid}/cancel", async (Guid id, PromiseService promises, CancellationToken ct) =>
                (await promises.CancelAsync(id, ct)).ToResult(TypedResults.Ok))
            .WithTags("Accounts").RequireTenantScope(Scopes.CollectionsWrite).WithName("CancelPromise").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancels an open promise: its invoices are dunned again from the next run.");
}
