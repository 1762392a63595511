using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;
using ArPlatform.Customers.Customers;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

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
        credit.MapPost("/hold", (Guid id, HoldRequest request, CustomersDbContext db, TimeProvider clock) => SetHoldAsync(id, true, request, db, clock))
            .RequireTenantScope(Scopes.CustomersWrite).WithName("PutOnCreditHold")
            .WithSummary("Puts the customer on credit hold by hand, with a reason; it stays until released by hand.").ProducesValidationProblem();
        credit.MapPost("/release", (Guid id, HoldRequest request, CustomersDbContext db, TimeProvider clock) => SetHoldAsync(id, false, request, db, clock))
            .RequireTenantScope(Scopes.CustomersWrite).WithName("ReleaseCreditHold")
            .WithSummary("Releases a credit hold by hand, with a reason (an automatic hold returns while its rule still applies).")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> SetHoldAsync(Guid id, bool onHold, HoldRequest request, CustomersDbContext db, TimeProvider clock)
    {
        var validation = new Validation().Required("reason", request.Reason, maxLength: 500);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var customer = await LockAsync(db, id);
        if (customer is null)
        {
            return TypedResults.NotFound();
        }

        (customer.OnHold, customer.HoldReason, customer.HoldAutomatic) = (onHold, onHold ? request.Reason!.Trim() : null, false);
        db.AddToOutbox(new CreditHoldChanged(customer.TenantId, id, onHold, onHold ? customer.HoldReason : $"released: {request.Reason!.Trim()}",
            customer.Exposure, customer.CreditLimit, clock.GetUtcNow()), clock);
        CreditHolds.Reassess(db, customer, await CreditHolds.OverdueHoldDaysAsync(db, default), clock);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Ok(CreditHolds.ToResponse(customer));
    }

    private static async Task<IResult> SetLimitAsync(Guid id, CreditLimitRequest request, HttpContext http, CustomersDbContext db, TimeProvider clock)
    {
        var validation = new Validation().Limit("limit", request.Limit).Required("reason", request.Reason, maxLength: 500);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var customer = await LockAsync(db, id);
        if (customer is null)
        {
            return TypedResults.NotFound();
        }

        await ChangeLimitAsync(db, customer, request.Limit!.Value, request.Reason!.Trim(), Actor(http), clock);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Ok(CreditHolds.ToResponse(customer));
    }

    /// <summary>Sets the limit with its audit entry and event, and re-assesses the automatic hold.</summary>
    internal static async Task ChangeLimitAsync(CustomersDbContext db, Customer customer, decimal limit, string reason, string changedBy, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var change = CreditLimits.Change(customer, limit, reason, changedBy, now);
        db.CreditLimitChanges.Add(change);
        db.AddToOutbox(new CreditLimitChanged(customer.TenantId, customer.Id, change.OldLimit, change.NewLimit, change.Reason, change.ChangedBy, now), clock);
        CreditHolds.Reassess(db, customer, await CreditHolds.OverdueHoldDaysAsync(db, default), clock);
    }

    /// <summary>Who acts: the API client (or person) from the token.</summary>
    internal static string Actor(HttpContext http) =>
        http.User.FindFirst(PlatformAuth.ClientIdClaim)?.Value ?? http.User.FindFirst("sub")?.Value ?? "unknown";

    /// <summary>The customer, locked for the rest of the transaction so concurrent credit changes apply one after the other.</summary>
    internal static Task<Customer?> LockAsync(CustomersDbContext db, Guid id) =>
        db.Customers.FromSql($"SELECT * FROM customers WHERE id = {id} AND tenant_id = {db.Tenant.RequiredTenantId} FOR UPDATE")
            .IgnoreQueryFilters().SingleOrDefaultAsync();

    private static async Task<IResult> HistoryAsync(Guid id, CustomersDbContext db) =>
        await db.Customers.AnyAsync(c => c.Id == id)
            ? TypedResults.Ok(await db.CreditLimitChanges.AsNoTracking().Where(c => c.CustomerId == id).OrderBy(c => c.ChangedAt)
                .Select(c => new CreditLimitChangeResponse(c.OldLimit, c.NewLimit, c.Reason, c.ChangedBy, c.ChangedAt)).ToListAsync())
            : TypedResults.NotFound();
}
