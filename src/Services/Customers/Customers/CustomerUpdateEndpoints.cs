using ArPlatform.Contracts;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Customers.Customers;

/// <summary>Changes to a customer's details: a field left out (or null) stays as it is; an empty string clears an optional text.</summary>
public sealed record UpdateCustomerRequest(
    string? Name = null, string? TradeName = null, string? Type = null, string? Status = null, List<string>? Tags = null, CustomerTerms? Terms = null,
    string? AssignedCollector = null, string? Portfolio = null, List<AddressRequest>? Addresses = null);

/// <summary>Which customers move to <see cref="ToCollector"/>: those listed, those of a collector, those under a customer (all that are given must match).</summary>
public sealed record ReassignRequest(List<Guid>? CustomerIds, string? FromCollector, Guid? Under, string? ToCollector, string? Portfolio);

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
