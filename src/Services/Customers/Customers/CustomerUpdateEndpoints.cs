using System.ComponentModel.DataAnnotations;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Customers;

/// <summary>Changes to a customer's details: a field left out (or null) stays as it is; an empty string clears an optional text.</summary>
public sealed record UpdateCustomerRequest(
    [property: MaxLength(200)] string? Name = null, [property: MaxLength(200)] string? TradeName = null, [property: MaxLength(11)] string? Type = null, [property: MaxLength(8)] string? Status = null,
    [property: MaxLength(50)][property: ItemsMaxLength(50)] List<string>? Tags = null, CustomerTerms? Terms = null, [property: MaxLength(100)] string? AssignedCollector = null,
    [property: MaxLength(100)] string? Portfolio = null, [property: MaxLength(20)] List<AddressRequest>? Addresses = null);

/// <summary>Which customers move to <see cref="ToCollector"/>: those listed, those of a collector, those under a customer (all that are given must match).</summary>
public sealed record ReassignRequest(
    [property: MaxLength(10000)] List<Guid>? CustomerIds, [property: MaxLength(100)] string? FromCollector, Guid? Under, [property: MaxLength(100)] string? ToCollector, [property: MaxLength(100)] string? Portfolio);

public sealed record ReassignResponse(int Reassigned);

public static class CustomerUpdateEndpoints
{
    public const int MaxListedCustomers = 10_000;

    public static void MapCustomerUpdateEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/v1/customers").WithTags("Customers");
        customers.MapPatch("/{id:guid}", UpdateAsync).RequireTenantScope(Scopes.CustomersWrite).WithName("UpdateCustomer")
            .WithSummary("Changes a customer's details; publishes CustomerUpdated.").ProducesValidationProblem();
        customers.MapPost("/reassign", ReassignAsync).RequireTenantScope(Scopes.CustomersWrite).WithName("ReassignCustomers")
            .WithSummary("Moves many customers to another collector (and portfolio) at once: listed, by current collector or by subtree.")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> UpdateAsync(Guid id, UpdateCustomerRequest request, CustomersDbContext db, TimeProvider clock)
    {
        var validation = new Validation()
            .When(request.Name is { } name && string.IsNullOrWhiteSpace(name), "name", "must not be empty.")
            .Text("name", request.Name, maxLength: 200)
            .Details(request.TradeName, request.Type, request.Status, request.Tags, request.AssignedCollector, request.Portfolio, request.Addresses, request.Terms);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id);
        if (customer is null)
        {
            return TypedResults.NotFound();
        }

        static string? Optional(string? given, string? current) => given is null ? current : given.Trim() is { Length: > 0 } value ? value : null;
        customer.Name = request.Name?.Trim() ?? customer.Name;
        customer.TradeName = Optional(request.TradeName, customer.TradeName);
        customer.IndexWords();
        customer.Type = request.Type ?? customer.Type;
        customer.Status = request.Status ?? customer.Status;
        customer.Tags = request.Tags is null ? customer.Tags : [.. request.Tags.Select(t => t.Trim()).Distinct()];
        customer.AssignedCollector = Optional(request.AssignedCollector, customer.AssignedCollector);
        customer.Portfolio = Optional(request.Portfolio, customer.Portfolio);
        if (request.Addresses is not null)
        {
            customer.Addresses = System.Text.Json.JsonSerializer.Serialize(request.Addresses, System.Text.Json.JsonSerializerOptions.Web);
        }

        if (request.Terms is { } terms)
        {
            (customer.DefaultNetDays, customer.DefaultDiscountPercent, customer.DefaultDiscountDays) = (terms.NetDays, terms.DiscountPercent, terms.DiscountDays);
        }

        await CustomerSearch.ListWordsAsync(db, customer.TenantId, [customer]);
        db.AddToOutbox(CustomerEndpoints.Updated(customer, clock.GetUtcNow()), clock);
        await db.SaveChangesAsync();
        return TypedResults.Ok(CustomerEndpoints.ToResponse(customer));
    }

    private static async Task<IResult> ReassignAsync(ReassignRequest request, CustomersDbContext db, TimeProvider clock)
    {
        var validation = new Validation()
            .Required("toCollector", request.ToCollector, maxLength: 100)
            .Text("portfolio", request.Portfolio, maxLength: 100)
            .Text("fromCollector", request.FromCollector, maxLength: 100)
            .When(request.CustomerIds is null && request.FromCollector is null && request.Under is null, "customerIds",
                "say which customers move: customerIds, fromCollector or under (or several of them).")
            .When(request.CustomerIds is { Count: > MaxListedCustomers }, "customerIds", $"at most {MaxListedCustomers} ids per request; use fromCollector or under for more.");
        string? path = null;
        if (request.Under is { } root)
        {
            path = await db.Customers.Where(c => c.Id == root).Select(c => c.HierarchyPath).SingleOrDefaultAsync();
            validation.When(path is null, "under", "no such customer in this tenant.");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var tenant = db.Tenant.RequiredTenantId;
        var ids = request.CustomerIds?.ToArray();
        var (to, portfolio, from) = (request.ToCollector!.Trim(), request.Portfolio?.Trim(), request.FromCollector?.Trim());
        await using var transaction = await db.Database.BeginTransactionAsync();
        var moved = await db.Customers.FromSql($"""
            UPDATE customers SET assigned_collector = {to}, portfolio = coalesce({portfolio}::text, portfolio)
            WHERE tenant_id = {tenant}
              AND ({ids}::uuid[] IS NULL OR id = ANY({ids}::uuid[]))
              AND ({from}::text IS NULL OR assigned_collector = {from}::text)
              AND ({path}::text IS NULL OR hierarchy_path LIKE {path}::text || '%')
            RETURNING *
            """).IgnoreQueryFilters().AsNoTracking().ToListAsync();
        var now = clock.GetUtcNow();
        foreach (var customer in moved)
        {
            db.AddToOutbox(CustomerEndpoints.Updated(customer, now), clock);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Ok(new ReassignResponse(moved.Count));
    }
}
