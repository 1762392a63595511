using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Identity.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Identity.Tenants;

public sealed record CreateTenantRequest([property: MaxLength(200)] string? Name, [property: MaxLength(32)] string? Code);

public sealed record TenantResponse(Guid Id, string Code, string Name, DateTimeOffset CreatedAt);

public static partial class TenantEndpoints
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,31}$")]
    private static partial Regex CodePattern();

    public static void MapTenantEndpoints(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup("/api/v1/tenants").WithTags("Tenants").RequireAuthorization(Scopes.PlatformAdmin);
        tenants.MapPost("/", CreateAsync).WithName("CreateTenant").WithSummary("Registers a client organisation as a tenant.");
        tenants.MapGet("/{id:guid}", GetAsync).WithName("GetTenant");
        tenants.MapGet("/", ListAsync).WithName("ListTenants");
    }

    private static async Task<IResult> CreateAsync(CreateTenantRequest request, IdentityDbContext db, TimeProvider clock)
    {
        var validation = new Validation()
            .Required("name", request.Name)
            .Required("code", request.Code, maxLength: 32);
        if (request.Code is { Length: > 0 } code && !CodePattern().IsMatch(code))
        {
            validation.Add("code", "must be 2-32 lowercase letters, digits or hyphens, starting with a letter or digit.");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (await db.Tenants.AnyAsync(t => t.Code == request.Code))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The tenant code is taken.",
                detail: $"A tenant with code '{request.Code}' already exists: choose another code.");
        }

        var now = clock.GetUtcNow();
        var tenant = new Tenant { Id = Guid.CreateVersion7(now), Code = request.Code!, Name = request.Name!.Trim(), CreatedAt = now };
        db.Tenants.Add(tenant);
        db.AddToOutbox(new TenantCreated(tenant.Id, tenant.Code, tenant.Name, now), clock);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The tenant code is taken.",
                detail: $"A tenant with code '{request.Code}' already exists: choose another code.");
        }

        return TypedResults.Created($"/api/v1/tenants/{tenant.Id}", ToResponse(tenant));
    }

    private static async Task<Results<Ok<TenantResponse>, NotFound>> GetAsync(Guid id, IdentityDbContext db) =>
        await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id) is { } tenant
            ? TypedResults.Ok(ToResponse(tenant))
            : TypedResults.NotFound();

    private static async Task<Ok<List<TenantResponse>>> ListAsync(IdentityDbContext db) =>
        TypedResults.Ok(await db.Tenants.AsNoTracking().OrderBy(t => t.Code)
            .Select(t => new TenantResponse(t.Id, t.Code, t.Name, t.CreatedAt)).ToListAsync());

    private static TenantResponse ToResponse(Tenant t) => new(t.Id, t.Code, t.Name, t.CreatedAt);
}
