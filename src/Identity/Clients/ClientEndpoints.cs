using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ArPlatform.Identity.Persistence;
using ArPlatform.Identity.Revocations;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;
using Scopes = ArPlatform.ServiceDefaults.Security.Scopes;

namespace ArPlatform.Identity.Clients;

public sealed record CreateClientRequest([property: MaxLength(200)] string? Name, [property: MaxLength(20)][property: ItemsMaxLength(30)] List<string>? Scopes);

public sealed record CreatedClientResponse(string ClientId, string ClientSecret, Guid TenantId, string Name, IReadOnlyList<string> Scopes);

/// <summary>A client as the API answers it: who disabled or enabled it and rotated its secret, and when.</summary>
public sealed record ClientResponse(
    string ClientId, Guid TenantId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, bool Disabled, DateTimeOffset? DisabledAt,
    string? DisabledBy, DateTimeOffset? EnabledAt, string? EnabledBy, DateTimeOffset? SecretRotatedAt, string? SecretRotatedBy, DateTimeOffset? PreviousSecretValidUntil)
{
    public static ClientResponse Of(ApiClient c) => new(
        c.ClientId, c.TenantId, c.Name, c.Scopes, c.CreatedAt, c.DisabledAt is not null, c.DisabledAt, c.DisabledBy, c.EnabledAt, c.EnabledBy,
        c.SecretRotatedAt, c.SecretRotatedBy, c.PreviousSecretHash is null ? null : c.PreviousSecretValidUntil);
}

/// <summary>How long the current secret stays valid beside the new one (hours, 0 to 720; 24 unless given).</summary>
public sealed record RotateSecretRequest(int? PreviousSecretValidHours);

/// <summary>The new secret, answered once, and until when the previous one is still accepted (null: not at all).</summary>
public sealed record RotatedSecretResponse(string ClientId, string ClientSecret, DateTimeOffset? PreviousSecretValidUntil);

public static class ClientEndpoints
{
    public static void MapClientEndpoints(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/v1/tenants/{tenantId:guid}/clients").WithTags("Tenants").RequireAuthorization(Scopes.PlatformAdmin);
        clients.MapPost("/", CreateAsync).WithName("CreateClient")
            .WithSummary("Creates an API client for the tenant. The secret is returned once and stored only as a hash.");
        clients.MapGet("/", ListAsync).WithName("ListClients");
        clients.MapPost("/{clientId}/disable", (Guid tenantId, string clientId, ClaimsPrincipal user, ApiClientService service, CancellationToken ct) =>
                SetDisabledAsync(tenantId, clientId, true, user, service, ct)).WithName("DisableClient")
            .WithSummary("Disables the client: it gets no token, and every service refuses its tokens within 30 seconds.");
        clients.MapPost("/{clientId}/enable", (Guid tenantId, string clientId, ClaimsPrincipal user, ApiClientService service, CancellationToken ct) =>
                SetDisabledAsync(tenantId, clientId, false, user, service, ct)).WithName("EnableClient");
        clients.MapPost("/{clientId}/rotate-secret", RotateSecretAsync).WithName("RotateClientSecret")
            .WithSummary("A new secret, returned once; the current one stays valid for previousSecretValidHours (24 unless given) or until retire-previous.");
        clients.MapPost("/{clientId}/retire-previous", RetirePreviousAsync).WithName("RetirePreviousClientSecret")
            .WithSummary("Ends the secret from before the last rotation now.");
    }

    private static async Task<IResult> SetDisabledAsync(Guid tenantId, string clientId, bool disabled, ClaimsPrincipal user, ApiClientService service, CancellationToken ct) =>
        (await service.SetDisabledAsync(tenantId, clientId, disabled, AccessChange.Actor(user), ct)).ToResult(c => TypedResults.Ok(ClientResponse.Of(c)));

    private static async Task<IResult> RotateSecretAsync(Guid tenantId, string clientId, RotateSecretRequest? request, ClaimsPrincipal user, ApiClientService service, CancellationToken ct) =>
        (await service.RotateSecretAsync(tenantId, clientId, request?.PreviousSecretValidHours, AccessChange.Actor(user), ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> RetirePreviousAsync(Guid tenantId, string clientId, ClaimsPrincipal user, ApiClientService service, CancellationToken ct) =>
        (await service.RetirePreviousAsync(tenantId, clientId, AccessChange.Actor(user), ct)).ToResult(c => TypedResults.Ok(ClientResponse.Of(c)));

    private static async Task<IResult> CreateAsync(Guid tenantId, CreateClientRequest request, ApiClientService clients, CancellationToken ct)
    {
        var outcome = await clients.CreateAsync(tenantId, request.Name, request.Scopes, ct);
        return outcome.Kind == OutcomeKind.NotFound
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such tenant.", detail: $"Tenant {tenantId} does not exist.")
            : outcome.ToResult(created => TypedResults.Created($"/api/v1/tenants/{created.TenantId}/clients/{created.ClientId}", created));
    }

    private static async Task<IResult> ListAsync(Guid tenantId, IdentityDbContext db) =>
        TypedResults.Ok((await db.ApiClients.AsNoTracking().Where(c => c.TenantId == tenantId).OrderBy(c => c.CreatedAt).ToListAsync())
            .Select(ClientResponse.Of));
}
