using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Tenants;

public sealed record MyTenant(Guid Id, string? Name);

public static class MyTenantsEndpoints
{
    public static void MapMyTenantsEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/collections/my-tenants", ListAsync).WithTags("Worklist").RequireAuthorization(Scopes.CollectionsRead)
            .WithMetadata(new RequiredScope(Scopes.CollectionsRead)).WithName("ListMyTenants")
            .WithSummary("The tenants (clients) the signed-in person works for, with their names; a partner's token: its own tenant.");

    private static async Task<IResult> ListAsync(HttpContext http, CollectionsDbContext db, CancellationToken ct)
    {
        var grant = http.User.StaffTenants();
        Guid[] own = http.User.TenantId() is { } tenant && grant is null ? [tenant] : [];
        var tenants = grant is { All: true }
            ? await db.Tenants.AsNoTracking().OrderBy(t => t.Name).Select(t => new MyTenant(t.Id, t.Name)).ToListAsync(ct)
            : await Named([.. grant?.Tenants ?? own], db, ct);
        return TypedResults.Ok(tenants);
    }

    private static async Task<List<MyTenant>> Named(Guid[] ids, CollectionsDbContext db, CancellationToken ct)
    {
        var names = await db.Tenants.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return [.. ids.Select(id => new MyTenant(id, names.GetValueOrDefault(id))).OrderBy(t => t.Name ?? t.Id.ToString(), StringComparer.OrdinalIgnoreCase)];
    }
}
