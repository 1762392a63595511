using System.ComponentModel.DataAnnotations;
using ArPlatform.Identity.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;
using Scopes = ArPlatform.ServiceDefaults.Security.Scopes;

namespace ArPlatform.Identity.Clients;

public sealed record CreateClientRequest([property: MaxLength(200)] string? Name, [property: MaxLength(10)][property: ItemsMaxLength(30)] List<string>? Scopes);

public sealed record CreatedClientResponse(string ClientId, string ClientSecret, Guid TenantId, string Name, IReadOnlyList<string> Scopes);

public sealed record ClientResponse(string ClientId, Guid TenantId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt);

public static class ClientEndpoints
{
    public static void MapClientEndpoints(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/v1/tenants/{tenantId:guid}/clients").WithTags("Tenants").RequireAuthorization(Scopes.PlatformAdmin);
        clients.MapPost("/", CreateAsync).WithName("CreateClient")
            .WithSummary("Creates an API client for the tenant. The secret is returned once and stored only as a hash.");
        clients.MapGet("/", ListAsync).WithName("ListClients");
    }

    private static async Task<IResult> CreateAsync(Guid tenantId, CreateClientRequest request, ApiClientService clients, CancellationToken ct)
    {
        var outcome = await clients.CreateAsync(tenantId, request.Name, request.Scopes, ct);
        return outcome.Kind == OutcomeKind.NotFound
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such tenant.", detail: $"Tenant {tenantId} does not exist.")
            : outcome.ToResult(created => TypedResults.Created($"/api/v1/tenants/{created.TenantId}/clients/{created.ClientId}", created));
    }

    private static async Task<IResult> ListAsync(Guid tenantId, IdentityDbContext db) =>
        TypedResults.Ok(await db.ApiClients.AsNoTracking().Where(c => c.TenantId == tenantId).OrderBy(c => c.CreatedAt)
            .Select(c => new ClientResponse(c.ClientId, c.TenantId, c.Name, c.Scopes, c.CreatedAt)).ToListAsync());
}
