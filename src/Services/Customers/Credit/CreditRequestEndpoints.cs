using System.ComponentModel.DataAnnotations;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Customers.Credit;

public sealed record CreditRequestBody([property: Range(0, 1e16, MaximumIsExclusive = true)] decimal? RequestedLimit, [property: MaxLength(500)] string? Reason);

public sealed record OverrideBody([property: MaxLength(14)] string? Decision, [property: Range(0, 1e16, MaximumIsExclusive = true)] decimal? ApprovedLimit, [property: MaxLength(1000)] string? Note);

public sealed record OverrideResponse(string Decision, decimal? ApprovedLimit, string Note, string By, DateTimeOffset At);

public sealed record CreditRequestResponse(
    Guid Id, Guid CustomerId, decimal RequestedLimit, string Reason, string RequestedBy, DateTimeOffset RequestedAt, string Decision, decimal? ApprovedLimit,
    IReadOnlyList<CreditReason> Reasons, OverrideResponse? Override, decimal? PreviousLimit);

public static class CreditRequestEndpoints
{
    public static void MapCreditRequestEndpoints(this IEndpointRouteBuilder app)
    {
        var requests = app.MapGroup("/api/v1/customers/{id:guid}/credit-requests").WithTags("Credit");
        requests.MapPost("/", RequestAsync).RequireTenantScope(Scopes.CustomersWrite).WithName("RequestCredit")
            .WithSummary("Decides a credit request from the customer's rating, payment history, exposure, billing and age of relationship; an approval sets the limit.")
            .ProducesValidationProblem();
        requests.MapGet("/", async (Guid id, CreditRequestService requests, CancellationToken cancellationToken) =>
                await requests.ListAsync(id, cancellationToken) is { } list ? Results.Ok(list) : Results.NotFound())
            .RequireTenantScope(Scopes.CustomersRead).WithName("ListCreditRequests");
        requests.MapGet("/{requestId:guid}", async (Guid id, Guid requestId, CreditRequestService requests, CancellationToken cancellationToken) =>
                await requests.GetAsync(id, requestId, cancellationToken) is { } request ? Results.Ok(request) : Results.NotFound())
            .RequireTenantScope(Scopes.CustomersRead).WithName("GetCreditRequest");
        requests.MapPost("/{requestId:guid}/override", OverrideAsync).RequireTenantScope(Scopes.CustomersWrite).WithName("OverrideCreditDecision")
            .WithSummary("A person replaces the automatic decision, with a note; an approval sets the limit, a refusal restores the limit from before the request.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> RequestAsync(Guid id, CreditRequestBody body, HttpContext http, CreditRequestService requests, CancellationToken cancellationToken) =>
        (await requests.RequestAsync(id, body, CreditActor.Of(http), cancellationToken))
            .ToResult(r => TypedResults.Created($"/api/v1/customers/{id}/credit-requests/{r.Id}", r));

    private static async Task<IResult> OverrideAsync(
        Guid id, Guid requestId, OverrideBody body, HttpContext http, CreditRequestService requests, CancellationToken cancellationToken) =>
        (await requests.OverrideAsync(id, requestId, body, CreditActor.Of(http), cancellationToken)).ToResult(r => TypedResults.Ok(r));
}
