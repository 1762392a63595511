using System.ComponentModel.DataAnnotations;
using ArPlatform.Contracts;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Risk;

/// <summary>A customer's scorecard as of a date: the rating, the points and every factor behind them.</summary>
public sealed record RiskResponse(Guid CustomerId, DateOnly AsOf, string? Rating, int Score, IReadOnlyList<RiskFactor> Factors, PaymentBehaviour Behaviour);

/// <summary>The whole of the tenant's credit settings (PUT replaces them): overdueHoldDays must be given, null meaning no overdue hold.</summary>
public sealed class CreditSettingsRequest
{
    private readonly int? _overdueHoldDays;

    [Range(1, 3650)]
    public int? OverdueHoldDays
    {
        get => _overdueHoldDays;
        init => (_overdueHoldDays, OverdueHoldDaysGiven) = (value, true);
    }

    /// <summary>Whether the body named the field at all (null is a value: no overdue hold).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool OverdueHoldDaysGiven { get; private init; }
}

public sealed record CreditSettingsResponse(int? OverdueHoldDays);

public static class RiskEndpoints
{
    public static void MapRiskEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/customers/{id:guid}/risk", GetAsync).RequireTenantScope(Scopes.CustomersRead).WithTags("Credit").WithName("GetCustomerRisk")
            .WithSummary("The risk scorecard as of a date (today by default): rating A-E, score and each factor with its value and points.")
            .ProducesValidationProblem();
        var settings = app.MapGroup("/api/v1/customers/credit-settings").WithTags("Credit");
        settings.MapGet("/", async (CustomersDbContext db) => new CreditSettingsResponse(await Credit.CreditHolds.OverdueHoldDaysAsync(db, default)))
            .RequireTenantScope(Scopes.CustomersRead).WithName("GetCreditSettings");
        settings.MapPut("/", PutSettingsAsync).RequireTenantScope(Scopes.CustomersWrite).WithName("SetCreditSettings")
            .WithSummary("Sets after how many days overdue an invoice puts its customer on hold (null: never; the field is required); every customer is re-assessed.")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> GetAsync(Guid id, string? asOf, CustomersDbContext db, TimeProvider clock)
    {
        if (!BusinessDate.TryParseAsOf(asOf, clock, out var date, out var problem))
        {
            return problem!;
        }

        if (!await db.Customers.AnyAsync(c => c.Id == id))
        {
            return TypedResults.NotFound();
        }

        var behaviour = (await PaymentBehaviourQuery.LoadAsync(db, [id], date, default)).Single();
        var score = RiskModel.Score(behaviour);
        return TypedResults.Ok(new RiskResponse(id, date, score.Rating, score.Score, score.Factors, behaviour));
    }

    private static async Task<IResult> PutSettingsAsync(CreditSettingsRequest request, CustomersDbContext db)
    {
        var validation = new Validation()
            .When(!request.OverdueHoldDaysGiven, "overdueHoldDays", "is required: a number of days from 1 to 3650, or null for no overdue hold.")
            .When(request.OverdueHoldDays is < 1 or > 3650, "overdueHoldDays", "must be between 1 and 3650 days, or null for no overdue hold.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var settings = await db.CreditSettings.SingleOrDefaultAsync();
        if (settings is null)
        {
            db.CreditSettings.Add(settings = new CreditSettings { TenantId = db.Tenant.RequiredTenantId });
        }

        settings.OverdueHoldDays = request.OverdueHoldDays;
        await db.SaveChangesAsync();
        await RiskQueue.EnqueueAllAsync(db, default);
        await transaction.CommitAsync();
        return TypedResults.Ok(new CreditSettingsResponse(settings.OverdueHoldDays));
    }
}
