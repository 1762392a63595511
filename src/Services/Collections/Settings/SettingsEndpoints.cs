using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Collections.Settings;

public sealed record SpocRequest([property: MaxLength(200)] string? Name, [property: MaxLength(200)] string? Email, [property: MaxLength(30)] string? Phone);

public sealed record DepartmentRequest(
    [property: MaxLength(200)] string? Name, [property: MaxLength(9)][property: ItemsMaxLength(30)] List<string>? Reasons, [property: MaxLength(200)] string? ContactName, [property: MaxLength(200)] string? Email,
    int? ResponseHours);

/// <summary>
/// The tenant's collection settings. <see cref="CreditApprovalLimit"/>: the largest credit (rupees) a team lead may approve
/// when resolving a dispute; above it only the client's approver (a client-approver, or the client's own API client)
/// may. Left out: no limit.
/// </summary>
public sealed record SettingsRequest(
    SpocRequest? Spoc, int? PromiseGraceDays, [property: MaxLength(20)] List<DepartmentRequest>? Departments, [property: MaxLength(200)] string? ClientName = null,
    decimal? CreditApprovalLimit = null);

public sealed record SettingsResponse(string? ClientName, Spoc? Spoc, int PromiseGraceDays, IReadOnlyList<Department> Departments, decimal? CreditApprovalLimit = null);

public static class SettingsEndpoints
{
    public static void MapSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/collections/settings").WithTags("Settings");
        group.MapGet("/", async (SettingsService settings, CancellationToken ct) => TypedResults.Ok(await settings.GetAsync(ct)))
            .RequireTenantScope(Scopes.CollectionsRead).WithName("GetCollectionSettings");
        group.MapPut("/", async (SettingsRequest request, SettingsService settings, ClaimsPrincipal user, CancellationToken ct) =>
                (await settings.PutAsync(request, user.Actor(), ct)).ToResult(TypedResults.Ok))
            .RequireTenantScope(Scopes.CollectionsAdmin).WithName("PutCollectionSettings").ProducesValidationProblem().WithRequestExample(new
            {
                clientName = "Bharat Cements Ltd",
                spoc = new { name = "Sunita Rao", email = "sunita.rao@bharatcements.example", phone = "+91 98200 12345" },
                promiseGraceDays = 2,
                departments = new[]
                {
                    new { name = "Sales pricing", reasons = new[] { "pricing", "duplicate-billing" }, contactName = "Anil Mehta", email = "pricing@bharatcements.example", responseHours = 48 },
                    new { name = "Depot logistics", reasons = new[] { "quantity", "not-delivered", "documents-missing" }, contactName = "K. Srinivas", email = "depot@bharatcements.example", responseHours = 72 },
                    new { name = "Tax", reasons = new[] { "tax-tds", "statutory-form" }, contactName = "CA Priya Iyer", email = "tax@bharatcements.example", responseHours = 120 },
                },
            })
            .WithSummary("Sets the client's SPOC, the promise grace days and the departments disputes are routed to by reason (with their response hours, the SLA).");
    }
}
