using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Collections.Strategies;

public static class StrategyEndpoints
{
    public static void MapStrategyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/collections/strategies").WithTags("Dunning");
        group.MapPost("/", async (StrategyRequest request, StrategyService strategies, CancellationToken ct) =>
                (await strategies.CreateAsync(request, ct)).ToResult(s => TypedResults.Created($"/api/v1/collections/strategies/{s.Code}", s)))
            .RequireTenantScope(Scopes.CollectionsWrite).WithName("CreateStrategy").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Creates a dunning strategy: the accounts it applies to and its steps by day offset from the due date.");
        group.MapGet("/", async (StrategyService strategies, CancellationToken ct) => TypedResults.Ok(await strategies.ListAsync(ct)))
            .RequireTenantScope(Scopes.CollectionsRead).WithName("ListStrategies")
            .WithSummary("The tenant's strategies in the order they are tried (highest priority first), the default last.");
        group.MapGet("/{code}", async Task<IResult> (string code, StrategyService strategies, CancellationToken ct) =>
                await strategies.GetAsync(code, ct) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound())
            .RequireTenantScope(Scopes.CollectionsRead).WithName("GetStrategy");
        group.MapPut("/{code}", async (string code, StrategyRequest request, StrategyService strategies, CancellationToken ct) =>
                (await strategies.ReplaceAsync(code, request, ct)).ToResult(TypedResults.Ok))
            .RequireTenantScope(Scopes.CollectionsWrite).WithName("ReplaceStrategy").ProducesValidationProblem()
            .WithSummary("Replaces a strategy (PUT default to change the default); items keep the positions they reached.");
    }
}
