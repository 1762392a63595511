using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using ArPlatform.Identity.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Scopes = ArPlatform.ServiceDefaults.Security.Scopes;

namespace ArPlatform.Identity.Clients;

public sealed record CreateClientRequest([property: MaxLength(200)] string? Name, [property: MaxLength(10)][property: ItemsMaxLength(30)] List<string>? Scopes);

public sealed record CreatedClientResponse(string ClientId, string ClientSecret, Guid TenantId, string Name, IReadOnlyList<string> Scopes);

public sealed record ClientResponse(string ClientId, Guid TenantId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt);

public static class ClientEndpoints
{
    private const int MaxScopes = 10;

    public static void MapClientEndpoints(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/v1/tenants/{tenantId:guid}/clients").WithTags("Tenants").RequireAuthorization(Scopes.PlatformAdmin);
        clients.MapPost("/", CreateAsync).WithName("CreateClient")
            .WithSummary("Creates an API client for the tenant. The secret is returned once and stored only as a hash.");
        clients.MapGet("/", ListAsync).WithName("ListClients");
    }

    private static async Task<IResult> CreateAsync(
        Guid tenantId, CreateClientRequest request, IdentityDbContext db, IOpenIddictApplicationManager applications, TimeProvider clock)
    {
        var validation = new Validation().Required("name", request.Name)
            .When(request.Scopes is { Count: > MaxScopes }, "scopes", $"must have at most {MaxScopes} items.");
        if (request.Scopes is not { Count: > 0 })
        {
            validation.Add("scopes", "must name at least one scope.");
        }
        else if (request.Scopes.Where(s => !Scopes.TenantScopes.Contains(s)).ToList() is { Count: > 0 } unknown)
        {
            validation.Add("scopes", $"unknown or not grantable to a tenant: {string.Join(", ", unknown)}. Allowed: {string.Join(", ", Scopes.TenantScopes)}.");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId);
        if (tenant is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such tenant.",
                detail: $"Tenant {tenantId} does not exist.");
        }

        var scopes = request.Scopes!.Distinct(StringComparer.Ordinal).ToList();
        var clientId = $"{tenant.Code}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.ApiClients.Add(new ApiClient { Id = Guid.CreateVersion7(now), TenantId = tenant.Id, ClientId = clientId, Name = request.Name!.Trim(), Scopes = scopes, CreatedAt = now });
        await db.SaveChangesAsync();
        await applications.CreateAsync(Descriptor(clientId, secret, request.Name!.Trim(), scopes));
        await transaction.CommitAsync();

        return TypedResults.Created($"/api/v1/tenants/{tenant.Id}/clients/{clientId}",
            new CreatedClientResponse(clientId, secret, tenant.Id, request.Name!.Trim(), scopes));
    }

    private static async Task<IResult> ListAsync(Guid tenantId, IdentityDbContext db) =>
        TypedResults.Ok(await db.ApiClients.AsNoTracking().Where(c => c.TenantId == tenantId).OrderBy(c => c.CreatedAt)
            .Select(c => new ClientResponse(c.ClientId, c.TenantId, c.Name, c.Scopes, c.CreatedAt)).ToListAsync());

    public static OpenIddictApplicationDescriptor Descriptor(string clientId, string secret, string name, IEnumerable<string> scopes)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = name,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        return descriptor;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
