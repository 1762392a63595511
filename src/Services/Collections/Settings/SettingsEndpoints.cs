using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using ArPlatform.Collections.Disputes;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Settings;

public sealed record SpocRequest([property: MaxLength(200)] string? Name, [property: MaxLength(200)] string? Email, [property: MaxLength(30)] string? Phone);

public sealed record DepartmentRequest(
    [property: MaxLength(200)] string? Name, [property: MaxLength(9)][property: ItemsMaxLength(30)] List<string>? Reasons, [property: MaxLength(200)] string? ContactName, [property: MaxLength(200)] string? Email,
    int? ResponseHours);

public sealed record SettingsRequest(SpocRequest? Spoc, int? PromiseGraceDays, [property: MaxLength(20)] List<DepartmentRequest>? Departments, [property: MaxLength(200)] string? ClientName = null);

public sealed record SettingsResponse(string? ClientName, Spoc? Spoc, int PromiseGraceDays, IReadOnlyList<Department> Departments);

/// <summary>The tenant's collection settings: who the client's SPOC is, the grace days of promises, which department takes which disputes.</summary>
public sealed partial class SettingsService(CollectionsDbContext db, TimeProvider clock)
{
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    public static partial Regex EmailPattern();

    public async Task<SettingsResponse> GetAsync(CancellationToken cancellationToken) =>
        await db.Settings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) is { } s
            ? new SettingsResponse(s.ClientName, s.Spoc, s.PromiseGraceDays, s.Departments)
            : new SettingsResponse(null, null, 0, []);

    public async Task<Outcome<SettingsResponse>> PutAsync(SettingsRequest request, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Text("clientName", request.ClientName, maxLength: 200)
            .When(request.PromiseGraceDays is < 0 or > 30, "promiseGraceDays", "must be between 0 and 30.");
        if (request.Spoc is { } spoc)
        {
            validation.Required("spoc.name", spoc.Name, maxLength: 200)
                .When(spoc.Email is { } e && (e.Length > 200 || !EmailPattern().IsMatch(e)), "spoc.email", "must be an email address such as spoc@client.in.")
                .When(spoc.Email is null && spoc.Phone is null, "spoc.email", "give an email address (escalations go by email) or at least a phone.")
                .Text("spoc.phone", spoc.Phone, maxLength: 30);
        }

        if (request.Departments?.Any(d => d is null) == true)
        {
            return Outcome<SettingsResponse>.Invalid("departments", "must not contain null entries.");
        }

        var departments = request.Departments ?? [];
        for (var i = 0; i < departments.Count; i++)
        {
            var d = departments[i];
            validation.Required($"departments[{i}].name", d.Name, maxLength: 200)
                .When(d.Reasons is not { Count: > 0 } || d.Reasons.Any(r => !DisputeReasons.All.Contains(r)), $"departments[{i}].reasons",
                    $"are required: among {string.Join(", ", DisputeReasons.All)}.")
                .Text($"departments[{i}].contactName", d.ContactName, maxLength: 200)
                .When(d.Email is not { } e || e.Length > 200 || !EmailPattern().IsMatch(e), $"departments[{i}].email", "is required: an email address such as billing@client.in.")
                .When(d.ResponseHours is not (>= 1 and <= 720), $"departments[{i}].responseHours", "is required: 1 to 720 hours (the SLA for its disputes).");
        }

        var twice = departments.SelectMany(d => d.Reasons ?? []).GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        validation.When(twice.Count > 0, "departments", $"a reason goes to one department only: {string.Join(", ", twice)} is in two.");
        if (!validation.IsValid)
        {
            return Outcome<SettingsResponse>.Invalid(validation);
        }

        var settings = await db.Settings.SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new CollectionSettings();
            db.Settings.Add(settings);
        }

        settings.ClientName = request.ClientName?.Trim();
        settings.Spoc = request.Spoc is { } s ? new Spoc(s.Name!.Trim(), s.Email?.Trim(), s.Phone?.Trim()) : null;
        settings.PromiseGraceDays = request.PromiseGraceDays ?? 0;
        settings.Departments = [.. departments.Select(d => new Department(d.Name!.Trim(), [.. d.Reasons!], d.ContactName?.Trim(), d.Email!.Trim(), d.ResponseHours!.Value))];
        settings.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<SettingsResponse>.Ok(new SettingsResponse(settings.ClientName, settings.Spoc, settings.PromiseGraceDays, settings.Departments));
    }
}

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
