using System.ComponentModel.DataAnnotations;
using ArPlatform.Contracts;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;

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
    public static void MapCustomerUpdateEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/v1/customers").WithTags("Customers");
        customers.MapPatch("/{id:guid}", UpdateAsync).RequireTenantScope(Scopes.CustomersWrite).WithName("UpdateCustomer")
            .WithSummary("Changes a customer's details; publishes CustomerUpdated.").ProducesValidationProblem();
        customers.MapPost("/reassign", ReassignAsync).RequireTenantScope(Scopes.CustomersWrite).WithName("ReassignCustomers")
            .WithSummary("Moves many customers to another collector (and portfolio) at once: listed, by current collector or by subtree.")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> UpdateAsync(Guid id, UpdateCustomerRequest request, CustomerService customers, CancellationToken cancellationToken) =>
        (await customers.UpdateAsync(id, request, cancellationToken)).ToResult(c => TypedResults.Ok(c));

    private static async Task<IResult> ReassignAsync(ReassignRequest request, CustomerService customers, CancellationToken cancellationToken) =>
        (await customers.ReassignAsync(request, cancellationToken)).ToResult(r => TypedResults.Ok(r));
}
