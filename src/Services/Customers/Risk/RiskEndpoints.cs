using System.ComponentModel.DataAnnotations;
using ArPlatform.Contracts;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;

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
        settings.MapGet("/", (RiskService risk, CancellationToken cancellationToken) => risk.SettingsAsync(cancellationToken))
            .RequireTenantScope(Scopes.CustomersRead).WithName("GetCreditSettings");
        settings.MapPut("/", PutSettingsAsync).RequireTenantScope(Scopes.CustomersWrite).WithName("SetCreditSettings")
            .WithSummary("Sets after how many days overdue an invoice puts its customer on hold (null: never; the field is required); every customer is re-assessed.")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> GetAsync(Guid id, string? asOf, RiskService risk, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!BusinessDate.TryParseAsOf(asOf, clock, out var date, out var problem))
        {
            return problem!;
        }

        return await risk.ScorecardAsync(id, date, cancellationToken) is { } scorecard ? TypedResults.Ok(scorecard) : TypedResults.NotFound();
    }

    private static async Task<IResult> PutSettingsAsync(CreditSettingsRequest request, RiskService risk, CancellationToken cancellationToken) =>
        (await risk.SetSettingsAsync(request, cancellationToken)).ToResult(s => TypedResults.Ok(s));
}
