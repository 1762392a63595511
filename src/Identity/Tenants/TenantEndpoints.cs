using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ArPlatform.Identity.Persistence;
using ArPlatform.Identity.Revocations;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Identity.Tenants;

public sealed record CreateTenantRequest([property: MaxLength(200)] string? Name, [property: MaxLength(32)] string? Code);

/// <summary>A tenant as the API answers it: whether it is suspended, by whom and why, and its last reinstatement.</summary>
public sealed record TenantResponse(
    Guid Id, string Code, string Name, DateTimeOffset CreatedAt, bool Suspended, DateTimeOffset? SuspendedAt, string? SuspendedBy, string? SuspensionReason,
    DateTimeOffset? ReinstatedAt, string? ReinstatedBy);

public sealed record SuspendTenantRequest([property: MaxLength(500)] string? Reason);

public static class TenantEndpoints
{
    public static void MapTenantEndpoints(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup("/api/v1/tenants").WithTags("Tenants").RequireAuthorization(Scopes.PlatformAdmin);
        tenants.MapPost("/", CreateAsync).WithName("CreateTenant").WithSummary("Registers a client organisation as a tenant.");
        tenants.MapGet("/{id:guid}", GetAsync).WithName("GetTenant");
        tenants.MapGet("/", ListAsync).WithName("ListTenants");
        tenants.MapPost("/{id:guid}/suspend", SuspendAsync).WithName("SuspendTenant")
            .WithSummary("Suspends the tenant: its clients get no token at once, and every service refuses its tokens within 30 seconds.");
        tenants.MapPost("/{id:guid}/reinstate", ReinstateAsync).WithName("ReinstateTenant");
    }

    private static async Task<IResult> SuspendAsync(Guid id, SuspendTenantRequest? request, ClaimsPrincipal user, TenantService tenants, CancellationToken ct) =>
        (await tenants.SuspendAsync(id, request?.Reason, AccessChange.Actor(user), ct)).ToResult(t => TypedResults.Ok(ToResponse(t)));

    private static async Task<IResult> ReinstateAsync(Guid id, ClaimsPrincipal user, TenantService tenants, CancellationToken ct) =>
        (await tenants.ReinstateAsync(id, AccessChange.Actor(user), ct)).ToResult(t => TypedResults.Ok(ToResponse(t)));

    private static async Task<IResult> CreateAsync(CreateTenantRequest request, TenantService tenants, CancellationToken ct) =>
        (await tenants.CreateAsync(request.Name, request.Code, ct)).ToResult(tenant => TypedResults.Created($"/api/v1/tenants/{tenant.Id}", ToResponse(tenant)));

    private static async Task<Results<Ok<TenantResponse>, NotFound>> GetAsync(Guid id, IdentityDbContext db) =>
        await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id) is { } tenant
            ? TypedResults.Ok(ToResponse(tenant))
            : TypedResults.NotFound();

    private static async Task<Ok<List<TenantResponse>>> ListAsync(IdentityDbContext db) =>
        TypedResults.Ok((await db.Tenants.AsNoTracking().OrderBy(t => t.Code).ToListAsync()).Select(ToResponse).ToList());

    private static TenantResponse ToResponse(Tenant t) =>
        new(t.Id, t.Code, t.Name, t.CreatedAt, t.SuspendedAt is not null, t.SuspendedAt, t.SuspendedBy, t.SuspensionReason, t.ReinstatedAt, t.ReinstatedBy);
}
