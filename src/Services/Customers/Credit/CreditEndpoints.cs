using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Customers.Credit;

public static class CreditEndpoints
{
    public static void MapCreditEndpoints(this IEndpointRouteBuilder app)
    {
        var credit = app.MapGroup("/api/v1/customers/{id:guid}").WithTags("Credit");
        credit.MapPut("/credit-limit", SetLimitAsync).RequireTenantScope(Scopes.CustomersWrite).WithName("SetCreditLimit")
            .WithSummary("Sets the customer's credit limit with a reason; every change is kept (who, when, why, old and new value).")
            .ProducesValidationProblem();
        credit.MapGet("/credit-limit/history", HistoryAsync).RequireTenantScope(Scopes.CustomersRead).WithName("GetCreditLimitHistory");
        credit.MapPost("/hold", (Guid id, HoldRequest request, CreditService credit, CancellationToken cancellationToken) =>
                SetHoldAsync(id, true, request, credit, cancellationToken))
            .RequireTenantScope(Scopes.CustomersWrite).WithName("PutOnCreditHold")
            .WithSummary("Puts the customer on credit hold by hand, with a reason; it stays until released by hand.").ProducesValidationProblem();
        credit.MapPost("/release", (Guid id, HoldRequest request, CreditService credit, CancellationToken cancellationToken) =>
                SetHoldAsync(id, false, request, credit, cancellationToken))
            .RequireTenantScope(Scopes.CustomersWrite).WithName("ReleaseCreditHold")
            .WithSummary("Releases a credit hold by hand, with a reason (an automatic hold returns while its rule still applies).")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> SetHoldAsync(Guid id, bool onHold, HoldRequest request, CreditService credit, CancellationToken cancellationToken) =>
        (await credit.SetHoldAsync(id, onHold, request, cancellationToken)).ToResult(c => TypedResults.Ok(c));

    private static async Task<IResult> SetLimitAsync(Guid id, CreditLimitRequest request, HttpContext http, CreditService credit, CancellationToken cancellationToken) =>
        (await credit.SetLimitAsync(id, request, CreditActor.Of(http), cancellationToken)).ToResult(c => TypedResults.Ok(c));

    private static async Task<IResult> HistoryAsync(Guid id, CreditService credit, CancellationToken cancellationToken) =>
        await credit.HistoryAsync(id, cancellationToken) is { } history ? TypedResults.Ok(history) : TypedResults.NotFound();
}
