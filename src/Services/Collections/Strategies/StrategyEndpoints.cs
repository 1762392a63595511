using System.Security.Claims;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Collections.Strategies;

public static class StrategyEndpoints
{
    private static readonly object Example = new
    {
        code = "dealers-high-risk",
        name = "Dealers rated D or E",
        priority = 10,
        appliesTo = new { riskRatings = new[] { "D", "E" }, customerTypes = new[] { "dealer" }, minOverdueAmount = 5000 },
        steps = new object[]
        {
            new { code = "reminder", name = "Reminder on the day after due", dayOffset = 1, action = "email", contactLevel = "L1" },
            new { code = "call", name = "Collector's call", dayOffset = 3, action = "call-task", assignTo = "priya@firm.in" },
            new { code = "letter-l3", name = "Letter to the owner", dayOffset = 10, action = "letter", contactLevel = "L3", template = "letter-l3" },
            new { code = "hold", name = "Stop supplies", dayOffset = 20, action = "credit-hold" },
        },
    };

    public static void MapStrategyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/collections/strategies").WithTags("Dunning");
        group.MapPost("/", async (StrategyRequest request, StrategyService strategies, ClaimsPrincipal user, CancellationToken ct) =>
                (await strategies.CreateAsync(request, user.Actor(), ct)).ToResult(s => TypedResults.Created($"/api/v1/collections/strategies/{s.Code}", s)))
            .RequireTenantScope(Scopes.CollectionsAdmin).WithName("CreateStrategy").WithRequestExample(Example).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Creates a dunning strategy: the accounts it applies to and its steps by day offset from the due date.");
        group.MapGet("/", async (StrategyService strategies, CancellationToken ct) => TypedResults.Ok(await strategies.ListAsync(ct)))
            .RequireTenantScope(Scopes.CollectionsRead).WithName("ListStrategies")
            .WithSummary("The tenant's strategies in the order they are tried (highest priority first), the default last.");
        group.MapGet("/{code}", async Task<IResult> (string code, StrategyService strategies, CancellationToken ct) =>
                await strategies.GetAsync(code, ct) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound())
            .RequireTenantScope(Scopes.CollectionsRead).WithName("GetStrategy");
        group.MapPut("/{code}", async (string code, StrategyRequest request, StrategyService strategies, ClaimsPrincipal user, CancellationToken ct) =>
                (await strategies.ReplaceAsync(code, request, user.Actor(), ct)).ToResult(TypedResults.Ok))
            .RequireTenantScope(Scopes.CollectionsAdmin).WithName("ReplaceStrategy").ProducesValidationProblem()
            .WithSummary("Replaces a strategy (PUT default to change the default); items keep the positions they reached.");
    }
}
