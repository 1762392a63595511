using System.Text.Json;
using ArPlatform.Customers.Persistence;
using ArPlatform.Customers.Risk;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Credit;

/// <summary>The credit request use cases: file a request and have it decided (ADR 0007), override a decision, read them.</summary>
public sealed class CreditRequestService(CustomersDbContext db, TimeProvider clock)
{
    public async Task<Outcome<CreditRequestResponse>> RequestAsync(Guid id, CreditRequestBody body, string actor, CancellationToken cancellationToken = default)
    {
        var validation = new Validation().Limit("requestedLimit", body.RequestedLimit).Required("reason", body.Reason, maxLength: 500);
        if (!validation.IsValid)
        {
            return Outcome<CreditRequestResponse>.Invalid(validation);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var customer = await CreditQueries.LockCustomerAsync(db, id, cancellationToken);
        if (customer is null)
        {
            return Outcome<CreditRequestResponse>.NotFound();
        }

        var today = BusinessDate.Today(clock);
        var behaviour = (await PaymentBehaviourQuery.LoadAsync(db, [id], today, cancellationToken)).Single();
        var since = DateOnly.FromDateTime(customer.CreatedAt.UtcDateTime);
        since = behaviour.FirstActivity is { } first && first < since ? first : since;
        var billedLastYear = await db.ReceivableMovements.Where(m => m.CustomerId == id && m.Kind == MovementKinds.Issued && m.EffectiveDate > today.AddDays(-365))
            .SumAsync(m => m.Change, cancellationToken);
        var decision = CreditDecisions.Decide(new CreditFacts(body.RequestedLimit!.Value, customer.CreditLimit, customer.Exposure, customer.OnHold,
            customer.HoldAutomatic, customer.HoldReason, RiskModel.Score(behaviour), behaviour, today.DayNumber - since.DayNumber, Math.Round(billedLastYear / 12m, 2)));

        var now = clock.GetUtcNow();
        var request = new CreditRequest
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = id,
            RequestedLimit = body.RequestedLimit!.Value,
            Reason = body.Reason!.Trim(),
            RequestedBy = actor,
            RequestedAt = now,
            PreviousLimit = customer.CreditLimit,
            Decision = decision.Decision,
            ApprovedLimit = decision.ApprovedLimit,
            Reasons = JsonSerializer.Serialize(decision.Reasons, JsonSerializerOptions.Web),
        };
        db.CreditRequests.Add(request);
        if (decision.Decision is CreditDecisions.Approved or CreditDecisions.ApprovedLower && decision.ApprovedLimit != customer.CreditLimit)
        {
            await CreditService.ChangeLimitAsync(db, customer, decision.ApprovedLimit!.Value, $"credit request {request.Id} {decision.Decision}: {request.Reason}",
                request.RequestedBy, clock, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<CreditRequestResponse>.Ok(ToResponse(request));
    }

    public async Task<Outcome<CreditRequestResponse>> OverrideAsync(Guid id, Guid requestId, OverrideBody body, string actor, CancellationToken cancellationToken = default)
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
            return Outcome<CreditRequestResponse>.Invalid(validation);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var customer = await CreditQueries.LockCustomerAsync(db, id, cancellationToken);
        var request = customer is null ? null : await db.CreditRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.CustomerId == id, cancellationToken);
        if (customer is null || request is null)
        {
            return Outcome<CreditRequestResponse>.NotFound();
        }

        if (request.OverrideDecision is not null)
        {
            return Outcome<CreditRequestResponse>.Conflict("The decision was already overridden.",
                $"{request.OverriddenBy} overrode it on {request.OverriddenAt:yyyy-MM-dd}. File a new credit request for a new decision.");
        }

        (request.OverrideDecision, request.OverrideNote, request.OverriddenBy, request.OverriddenAt) = (body.Decision, body.Note!.Trim(), actor, clock.GetUtcNow());
        var appliedAutomatically = request.Decision is CreditDecisions.Approved or CreditDecisions.ApprovedLower && customer.CreditLimit == request.ApprovedLimit;
        request.OverrideLimit = approving ? body.ApprovedLimit : appliedAutomatically ? request.PreviousLimit ?? 0m : customer.CreditLimit;
        if (request.OverrideLimit is { } limit && limit != customer.CreditLimit)
        {
            await CreditService.ChangeLimitAsync(db, customer, limit, $"credit request {request.Id} overridden to {body.Decision}: {request.OverrideNote}", actor, clock,
                cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<CreditRequestResponse>.Ok(ToResponse(request));
    }

    /// <summary>The customer's requests, newest first; null when there is no such customer.</summary>
    public async Task<List<CreditRequestResponse>?> ListAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.Customers.AnyAsync(c => c.Id == id, cancellationToken)
            ? [.. (await db.CreditRequests.AsNoTracking().Where(r => r.CustomerId == id).OrderByDescending(r => r.RequestedAt).ToListAsync(cancellationToken))
                .Select(ToResponse)]
            : null;

    public async Task<CreditRequestResponse?> GetAsync(Guid id, Guid requestId, CancellationToken cancellationToken = default) =>
        await db.CreditRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId && r.CustomerId == id, cancellationToken) is { } request
            ? ToResponse(request)
            : null;

    private static CreditRequestResponse ToResponse(CreditRequest r) =>
        new(r.Id, r.CustomerId, r.RequestedLimit, r.Reason, r.RequestedBy, r.RequestedAt, r.Decision, r.ApprovedLimit,
            JsonSerializer.Deserialize<List<CreditReason>>(r.Reasons, JsonSerializerOptions.Web) ?? [],
            r.OverrideDecision is null ? null : new OverrideResponse(r.OverrideDecision, r.OverrideLimit, r.OverrideNote!, r.OverriddenBy!, r.OverriddenAt!.Value),
            r.PreviousLimit);
}
