using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using ArPlatform.Customers.Persistence;
using ArPlatform.Customers.Risk;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

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
        requests.MapGet("/", async (Guid id, CustomersDbContext db) => await db.Customers.AnyAsync(c => c.Id == id)
                ? Results.Ok((await db.CreditRequests.AsNoTracking().Where(r => r.CustomerId == id).OrderByDescending(r => r.RequestedAt).ToListAsync()).Select(ToResponse))
                : Results.NotFound())
            .RequireTenantScope(Scopes.CustomersRead).WithName("ListCreditRequests");
        requests.MapGet("/{requestId:guid}", async (Guid id, Guid requestId, CustomersDbContext db) =>
                await db.CreditRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId && r.CustomerId == id) is { } request
                    ? Results.Ok(ToResponse(request))
                    : Results.NotFound())
            .RequireTenantScope(Scopes.CustomersRead).WithName("GetCreditRequest");
        requests.MapPost("/{requestId:guid}/override", OverrideAsync).RequireTenantScope(Scopes.CustomersWrite).WithName("OverrideCreditDecision")
            .WithSummary("A person replaces the automatic decision, with a note; an approval sets the limit, a refusal restores the limit from before the request.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> RequestAsync(Guid id, CreditRequestBody body, HttpContext http, CustomersDbContext db, TimeProvider clock)
    {
        var validation = new Validation().Limit("requestedLimit", body.RequestedLimit).Required("reason", body.Reason, maxLength: 500);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var customer = await CreditEndpoints.LockAsync(db, id);
        if (customer is null)
        {
            return TypedResults.NotFound();
        }

        var today = BusinessDate.Today(clock);
        var behaviour = (await PaymentBehaviourQuery.LoadAsync(db, [id], today, default)).Single();
        var since = DateOnly.FromDateTime(customer.CreatedAt.UtcDateTime);
        since = behaviour.FirstActivity is { } first && first < since ? first : since;
        var billedLastYear = await db.ReceivableMovements.Where(m => m.CustomerId == id && m.Kind == MovementKinds.Issued && m.EffectiveDate > today.AddDays(-365))
            .SumAsync(m => m.Change);
        var decision = CreditDecisions.Decide(new CreditFacts(body.RequestedLimit!.Value, customer.CreditLimit, customer.Exposure, customer.OnHold,
            customer.HoldAutomatic, customer.HoldReason, RiskModel.Score(behaviour), behaviour, today.DayNumber - since.DayNumber, Math.Round(billedLastYear / 12m, 2)));

        var now = clock.GetUtcNow();
        var request = new CreditRequest
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = id,
            RequestedLimit = body.RequestedLimit!.Value,
            Reason = body.Reason!.Trim(),
            RequestedBy = CreditEndpoints.Actor(http),
            RequestedAt = now,
            PreviousLimit = customer.CreditLimit,
            Decision = decision.Decision,
            ApprovedLimit = decision.ApprovedLimit,
            Reasons = JsonSerializer.Serialize(decision.Reasons, JsonSerializerOptions.Web),
        };
        db.CreditRequests.Add(request);
        if (decision.Decision is CreditDecisions.Approved or CreditDecisions.ApprovedLower && decision.ApprovedLimit != customer.CreditLimit)
        {
            await CreditEndpoints.ChangeLimitAsync(db, customer, decision.ApprovedLimit!.Value, $"credit request {request.Id} {decision.Decision}: {request.Reason}",
                request.RequestedBy, clock);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Created($"/api/v1/customers/{id}/credit-requests/{request.Id}", ToResponse(request));
    }

    private static async Task<IResult> OverrideAsync(Guid id, Guid requestId, OverrideBody body, HttpContext http, CustomersDbContext db, TimeProvider clock)
    {
        var approving = body.Decision is CreditDecisions.Approved or CreditDecisions.ApprovedLower;
        var validation = new Validation()
            .Required("decision", body.Decision)
            .When(body.Decision is not null && !CreditDecisions.All.Contains(body.Decision), "decision", $"must be one of {string.Join(", ", CreditDecisions.All)}.")
            .Required("note", body.Note, maxLength: 1000);
        if (approving)
        {
            validation.Limit("approvedLimit", body.ApprovedLimit);
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var customer = await CreditEndpoints.LockAsync(db, id);
        var request = customer is null ? null : await db.CreditRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.CustomerId == id);
        if (customer is null || request is null)
        {
            return TypedResults.NotFound();
        }

        if (request.OverrideDecision is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The decision was already overridden.",
                detail: $"{request.OverriddenBy} overrode it on {request.OverriddenAt:yyyy-MM-dd}. File a new credit request for a new decision.");
        }

        var actor = CreditEndpoints.Actor(http);
        (request.OverrideDecision, request.OverrideNote, request.OverriddenBy, request.OverriddenAt) = (body.Decision, body.Note!.Trim(), actor, clock.GetUtcNow());
        var appliedAutomatically = request.Decision is CreditDecisions.Approved or CreditDecisions.ApprovedLower && customer.CreditLimit == request.ApprovedLimit;
        request.OverrideLimit = approving ? body.ApprovedLimit : appliedAutomatically ? request.PreviousLimit ?? 0m : customer.CreditLimit;
        if (request.OverrideLimit is { } limit && limit != customer.CreditLimit)
        {
            await CreditEndpoints.ChangeLimitAsync(db, customer, limit, $"credit request {request.Id} overridden to {body.Decision}: {request.OverrideNote}", actor, clock);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Ok(ToResponse(request));
    }

    private static CreditRequestResponse ToResponse(CreditRequest r) =>
        new(r.Id, r.CustomerId, r.RequestedLimit, r.Reason, r.RequestedBy, r.RequestedAt, r.Decision, r.ApprovedLimit,
            JsonSerializer.Deserialize<List<CreditReason>>(r.Reasons, JsonSerializerOptions.Web) ?? [],
            r.OverrideDecision is null ? null : new OverrideResponse(r.OverrideDecision, r.OverrideLimit, r.OverrideNote!, r.OverriddenBy!, r.OverriddenAt!.Value),
            r.PreviousLimit);
}
