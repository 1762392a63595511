using System.ComponentModel.DataAnnotations;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Collections.Settings;

public sealed record SpocRequest([property: MaxLength(200)] string? Name, [property: MaxLength(200)] string? Email, [property: MaxLength(30)] string? Phone);

public sealed record DepartmentRequest(
    [property: MaxLength(200)] string? Name, [property: MaxLength(9)][property: ItemsMaxLength(30)] List<string>? Reasons, [property: MaxLength(200)] string? ContactName, [property: MaxLength(200)] string? Email,
    int? ResponseHours);

public sealed record SettingsRequest(SpocRequest? Spoc, int? PromiseGraceDays, [property: MaxLength(20)] List<DepartmentRequest>? Departments, [property: MaxLength(200)] string? ClientName = null);

public sealed record SettingsResponse(string? ClientName, Spoc? Spoc, int PromiseGraceDays, IReadOnlyList<Department> Departments);

public static class SettingsEndpoints
{
    public static void MapSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/collections/settings").WithTags("Settings");
        group.MapGet("/", async (SettingsService settings, CancellationToken ct) => TypedResults.Ok(await settings.GetAsync(ct)))
            .RequireTenantScope(Scopes.CollectionsRead).WithName("GetCollectionSettings");
        group.MapPut("/", async (SettingsRequest request, SettingsService settings, CancellationToken ct) => (await settings.PutAsync(request, ct)).ToResult(TypedResults.Ok))
            .RequireTenantScope(Scopes.CollectionsWrite).WithName("PutCollectionSettings").ProducesValidationProblem().WithRequestExample(new
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
