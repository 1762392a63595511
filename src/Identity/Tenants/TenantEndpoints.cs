using System.ComponentModel.DataAnnotations;
using ArPlatform.Identity.Persistence;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Identity.Tenants;

public sealed record CreateTenantRequest([property: MaxLength(200)] string? Name, [property: MaxLength(32)] string? Code);

public sealed record TenantResponse(Guid Id, string Code, string Name, DateTimeOffset CreatedAt);

public static class TenantEndpoints
{
    public static void MapTenantEndpoints(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup("/api/v1/tenants").WithTags("Tenants").RequireAuthorization(Scopes.PlatformAdmin);
        tenants.MapPost("/", CreateAsync).WithName("CreateTenant").WithSummary("Registers a client organisation as a tenant.");
        tenants.MapGet("/{id:guid}", GetAsync).WithName("GetTenant");
        tenants.MapGet("/", ListAsync).WithName("ListTenants");
    }

    private static async Task<IResult> CreateAsync(CreateTenantRequest request, TenantService tenants, CancellationToken ct) =>
        (await tenants.CreateAsync(request.Name, request.Code, ct)).ToResult(tenant => TypedResults.Created($"/api/v1/tenants/{tenant.Id}", ToResponse(tenant)));

    private static async Task<Results<Ok<TenantResponse>, NotFound>> GetAsync(Guid id, IdentityDbContext db) =>
        await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id) is { } tenant
            ? TypedResults.Ok(ToResponse(tenant))
            : TypedResults.NotFound();

    private static async Task<Ok<List<TenantResponse>>> ListAsync(IdentityDbContext db) =>
        TypedResults.Ok(await db.Tenants.AsNoTracking().OrderBy(t => t.Code)
            .Select(t => new TenantResponse(t.Id, t.Code, t.Name, t.CreatedAt)).ToListAsync());

    private static TenantResponse ToResponse(Tenant t) => new(t.Id, t.Code, t.Name, t.CreatedAt);
}
